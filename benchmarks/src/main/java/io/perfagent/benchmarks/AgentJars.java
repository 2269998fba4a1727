package io.perfagent.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the agent jars are: {@code target/agents/} beside {@code target/benchmarks.jar}, where
 * the build copies them ({@code perf.jar}, the reactor's agent; {@code otel-javaagent.jar}, the
 * upstream agent from Maven Central; {@code perf-otel-extension.jar}, the reactor's extension). {@code -Dperf.agent.jar=} and {@code -Dotel.agent.jar=}
 * point elsewhere.
 */
public final class AgentJars {

  /** File name of our agent in the agents folder. */
  public static final String PERF = "perf.jar";
  /** File name of our extension of the upstream agent in the agents folder. */
  public static final String EXTENSION = "perf-otel-extension.jar";
  /** File name of the upstream OpenTelemetry agent in the agents folder. */
  public static final String UPSTREAM = "otel-javaagent.jar";

  private AgentJars() {}

  /** The agents folder: {@code -Dagents.dir}, else {@code agents/} beside this class's jar. */
  public static Path directory() {
    String dir = System.getProperty("agents.dir");
    if (dir != null) {
      return Path.of(dir);
    }
    try {
      Path code = Path.of(AgentJars.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      // target/benchmarks.jar or target/classes: both sit in target/
      return code.toAbsolutePath().getParent().resolve("agents");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("benchmarks", "target", "agents");
    }
  }

  /** Our agent jar. */
  public static Path perf() {
    return locate("perf.agent.jar", PERF);
  }

  /** The upstream OpenTelemetry Java agent jar. */
  public static Path upstream() {
    return locate("otel.agent.jar", UPSTREAM);
  }

  /** perf-otel-extension.jar, our stages inside the upstream agent. */
  public static Path extension() {
    return locate("perf.otel.extension.jar", EXTENSION);
  }

  private static Path locate(String property, String name) {
    String set = System.getProperty(property);
    Path path = set != null ? Path.of(set) : directory().resolve(name);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("agent jar not found: " + path.toAbsolutePath()
          + " (build with `mvn -B package -DskipTests`, or set -D" + property + "=)");
    }
    return path.toAbsolutePath();
  }
}
