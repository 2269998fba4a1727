package io.perfagent.demo;

/** Command-line entry point: {@code java -jar perf-demo.jar [--records N] [--seed S]}. */
public final class DemoMain {

  private static final int USAGE_ERROR = 2;

  private DemoMain() {}

  /** Runs the pipeline once with the options in {@code args} and prints one result line. */
  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("perf-demo: " + e.getMessage());
      System.err.print(DemoOptions.USAGE);
      System.exit(USAGE_ERROR);
      return;
    }
    if (options.help()) {
      System.out.print(DemoOptions.USAGE);
      return;
    }
    PipelineResult result = new OrderPipeline(options.records(), options.seed()).run();
    System.out.println(result.summary());
  }
}
