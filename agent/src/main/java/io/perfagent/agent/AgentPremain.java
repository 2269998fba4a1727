package io.perfagent.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.jar.JarFile;

/**
 * The agent's front door: {@code premain} ({@code -javaagent}), {@code agentmain} (attach) and
 * {@code main} ({@code java -jar perf.jar ...}). Tiny and defensive: it puts the bootstrap
 * classes on the bootstrap class path, hands over to {@link AgentStarter}, and if anything
 * fails prints one line and lets the application start without the agent.
 */
public final class AgentPremain {

  private static final String BOOTSTRAP_JAR = "perf-bootstrap.jar";
  private static final String STARTED = "io.perfagent.active";
  /**
   * Attach options of {@code java -jar perf.jar stages PID}: write the stage rules in force and
   * what they wove to the file named after it, start nothing.
   */
  public static final String LIST_STAGES = "--list-stages=";

  private AgentPremain() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  public static void main(String[] args) {
    io.perfagent.agent.cli.PerfCli.run(args);
  }

  private static void start(String args, Instrumentation inst, boolean late) {
    try {
      if (late && args != null && args.startsWith(LIST_STAGES)) {
        listStages(Path.of(args.substring(LIST_STAGES.length())));
        return;
      }
      if (System.getProperty(STARTED) != null) {
        if (!late || !AgentStarter.addRules(args)) {
          System.err.println("[perf-agent] already active in this JVM; ignoring the second "
              + "start");
        }
        return;
      }
      System.setProperty(STARTED, "true");
      appendBootstrap(inst);
      AgentStarter.start(args, inst, late);
    } catch (Throwable t) {
      System.err.println("[perf-agent] could not start; the application runs without it: " + t);
    }
  }

  /** Answers {@code perf.jar stages PID} through {@code file}; the agent may not be running. */
  private static void listStages(Path file) throws Exception {
    java.util.List<String> lines = System.getProperty(STARTED) == null
        ? java.util.List.of("perf-agent is not running in this JVM (attach it first: "
            + "java -jar perf.jar attach PID stages=...)")
        : AgentStarter.stageRuleLines();
    Files.write(file, lines, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Extracts the nested bootstrap jar and appends it to the bootstrap class path, before any
   * class that refers to it is loaded.
   */
  private static void appendBootstrap(Instrumentation inst) throws Exception {
    Path file = TempFiles.create("perf-bootstrap-", ".jar");
    try (InputStream in = AgentPremain.class.getResourceAsStream(BOOTSTRAP_JAR);
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      if (in == null) {
        throw new IllegalStateException(BOOTSTRAP_JAR + " is missing from perf.jar");
      }
      in.transferTo(out);
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
  }

  /** This agent's version, from perf.jar's manifest. */
  public static String version() {
    String v = AgentPremain.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
