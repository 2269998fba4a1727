package io.perfagent.demo;

/**
 * The command line of the demo.
 *
 * @param records orders to generate
 * @param seed seed of every random choice in the run
 * @param help whether {@code --help} was given
 */
public record DemoOptions(int records, long seed, boolean help) {

  /** Records when {@code --records} is not given: about 5 to 10 s on a 2-core machine. */
  public static final int DEFAULT_RECORDS = 1_500_000;

  /** Seed when {@code --seed} is not given. */
  public static final long DEFAULT_SEED = 42;

  /** The largest {@code --records}: the CSV text (about 50 bytes a record) is one array. */
  public static final int MAX_RECORDS = 20_000_000;

  /** The usage text printed by {@code --help}. */
  public static final String USAGE =
      """
      usage: java [-javaagent:agent/target/perf.jar] -jar perf-demo.jar [options]

      Runs a batch order pipeline (read, parse, enrich, aggregate, score, materialize, write)
      over generated orders and prints one result line.

      options:
        --records N   orders to generate, 1 to %,d (default %,d)
        --seed S      seed of the generated data; equal seeds give equal checksums (default %d)
        --help        print this text and exit
      """
          .formatted(MAX_RECORDS, DEFAULT_RECORDS, DEFAULT_SEED);

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  public static DemoOptions parse(String... args) {
    int records = DEFAULT_RECORDS;
    long seed = DEFAULT_SEED;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--records" -> {
          value = value != null ? value : valueAfter(args, i++);
          records = parseRecords(value);
        }
        case "--seed" -> {
          value = value != null ? value : valueAfter(args, i++);
          seed = parseLong("--seed", value);
        }
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return new DemoOptions(records, seed, help);
  }

  private static String valueAfter(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(args[i] + " needs a value");
    }
    return args[i + 1];
  }

  private static int parseRecords(String value) {
    long records = parseLong("--records", value);
    if (records < 1 || records > MAX_RECORDS) {
      throw new IllegalArgumentException(
          "--records must be between 1 and " + MAX_RECORDS + ": " + value);
    }
    return (int) records;
  }

  private static long parseLong(String option, String value) {
    try {
      // Underscores as in Java literals, so that 2_000_000 reads as it looks.
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs an integer: " + value, e);
    }
  }
}
