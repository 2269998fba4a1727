package io.perfagent.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDKs the child JVMs run on: always the current one ({@code java.home}); then every other
 * JDK named by {@code PERF_TEST_JDKS} (system property or environment variable, a
 * path-separator list of JDK homes), or, when that is unset, found beside the current JDK
 * (directories of the current home's parent with {@code bin/java} and a {@code release} file).
 * One JDK per feature release, the current one first, the rest in ascending order; releases
 * below {@value #MIN_FEATURE} (the agent's target) are skipped.
 */
public final class Jdks {

  /** The lowest feature release the agent supports. */
  public static final int MIN_FEATURE = 17;

  private static volatile List<Jdk> all;

  private Jdks() {}

  /** For {@code @MethodSource}: every JDK, current first. */
  public static Stream<Jdk> all() {
    return list().stream();
  }

  /** The JDK that runs the tests. */
  public static Jdk current() {
    return list().get(0);
  }

  /** Every JDK, current first. */
  public static List<Jdk> list() {
    List<Jdk> l = all;
    if (l == null) {
      synchronized (Jdks.class) {
        if (all == null) {
          all = List.copyOf(discover());
        }
        l = all;
      }
    }
    return l;
  }

  private static List<Jdk> discover() {
    Path currentHome = realPath(Path.of(System.getProperty("java.home")));
    Jdk current = read(currentHome);
    if (current == null) {
      current = new Jdk(currentHome, Runtime.version().feature(),
          System.getProperty("java.version"));
    }
    List<Path> candidates = new ArrayList<>();
    String configured = configured();
    if (configured != null) {
      for (String p : configured.split(File.pathSeparator)) {
        if (!p.isBlank()) {
          candidates.add(Path.of(p.trim()));
        }
      }
    } else {
      Path parent = currentHome.getParent();
      if (parent != null && Files.isDirectory(parent)) {
        try (Stream<Path> dirs = Files.list(parent)) {
          dirs.sorted().forEach(candidates::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list JDKs in " + parent, e);
        }
      }
    }
    Map<Integer, Jdk> byFeature = new LinkedHashMap<>();
    byFeature.put(current.feature(), current);
    List<Jdk> others = new ArrayList<>();
    for (Path candidate : candidates) {
      Jdk jdk = read(realPath(candidate));
      if (jdk != null && jdk.feature() >= MIN_FEATURE && !byFeature.containsKey(jdk.feature())) {
        byFeature.put(jdk.feature(), jdk);
        others.add(jdk);
      }
    }
    others.sort(Comparator.comparingInt(Jdk::feature));
    List<Jdk> out = new ArrayList<>();
    out.add(current);
    out.addAll(others);
    return out;
  }

  private static String configured() {
    String v = System.getProperty("PERF_TEST_JDKS");
    if (v == null || v.isBlank() || v.contains("${")) {
      v = System.getenv("PERF_TEST_JDKS");
    }
    return v == null || v.isBlank() ? null : v;
  }

  /** The JDK at {@code home}, or null when it has no {@code bin/java} or {@code release}. */
  static Jdk read(Path home) {
    Path release = home.resolve("release");
    Path java = home.resolve("bin").resolve("java");
    Path javaExe = home.resolve("bin").resolve("java.exe");
    if (!Files.isRegularFile(release)
        || !(Files.isExecutable(java) || Files.isExecutable(javaExe))) {
      return null;
    }
    Properties props = new Properties();
    try (var in = Files.newBufferedReader(release)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    String version = unquote(props.getProperty("JAVA_VERSION"));
    if (version == null || version.isEmpty()) {
      return null;
    }
    int feature = feature(version);
    return feature <= 0 ? null : new Jdk(home, feature, version);
  }

  /** {@code 17.0.15} → 17, {@code 25} → 25, {@code 1.8.0_412} → 8; -1 when unreadable. */
  static int feature(String version) {
    String[] parts = version.split("[._+-]");
    try {
      int first = Integer.parseInt(parts[0]);
      return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String unquote(String s) {
    if (s == null) {
      return null;
    }
    s = s.trim();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
