package io.perfagent.it.harness;

import java.nio.file.Path;

/**
 * A JDK to run child JVMs on.
 *
 * @param home the JDK home (real path, symlinks resolved)
 * @param feature the feature release, e.g. 17
 * @param version {@code JAVA_VERSION} from the {@code release} file, e.g. {@code 17.0.15}
 */
public record Jdk(Path home, int feature, String version) {

  /** {@code home/bin/java}. */
  public Path java() {
    return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  }

  /** Shown as the JUnit parameter name. */
  @Override
  public String toString() {
    return "jdk" + feature + " (" + version + ")";
  }
}
