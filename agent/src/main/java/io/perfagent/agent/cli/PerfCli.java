package io.perfagent.agent.cli;

import io.perfagent.agent.AgentPremain;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code java -jar perf.jar attach PID [key=value,...] | stages PID | --help | --version}:
 * attaches the agent to a running JVM, lists the stage rules in force in one and what they
 * wove, or says what this jar is.
 */
public final class PerfCli {

  private PerfCli() {}

  public static void run(String[] args) {
    int code = execute(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int execute(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0])
        || "help".equals(args[0])) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    if ("--version".equals(args[0]) || "version".equals(args[0])) {
      out.println(versionLine());
      return 0;
    }
    if ("attach".equals(args[0])) {
      if (args.length < 2 || args.length > 3) {
        err.println("usage: java -jar perf.jar attach PID [key=value,...]");
        return 2;
      }
      return attach(args[1], args.length == 3 ? args[2] : "", out, err);
    }
    if ("stages".equals(args[0])) {
      if (args.length != 2) {
        err.println("usage: java -jar perf.jar stages PID");
        return 2;
      }
      return stages(args[1], out, err);
    }
    err.println("unknown command '" + args[0] + "'");
    usage(err);
    return 2;
  }

  private static int attach(String pid, String options, PrintStream out, PrintStream err) {
    if (!pid.matches("\\d+")) {
      err.println("not a process id: '" + pid + "'");
      return 2;
    }
    try {
      File jar = ownJar();
      ByteBuddyAgent.attach(jar, pid, options);
      out.println("perf-agent attached to " + pid);
      return 0;
    } catch (Throwable t) {
      err.println("could not attach to " + pid + ": " + t.getMessage());
      return 1;
    }
  }

  /**
   * Asks the agent running in {@code pid} for its stage rules and what each wove (the lines
   * the exit summary will end with), through a file: attach options carry text in only.
   */
  private static int stages(String pid, PrintStream out, PrintStream err) {
    if (!pid.matches("\\d+")) {
      err.println("not a process id: '" + pid + "'");
      return 2;
    }
    Path answer = null;
    try {
      answer = Files.createTempFile("perf-stages-", ".txt");
      ByteBuddyAgent.attach(ownJar(), pid, AgentPremain.LIST_STAGES + answer);
      List<String> lines = Files.readAllLines(answer, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        err.println("no answer from " + pid);
        return 1;
      }
      lines.forEach(out::println);
      return lines.get(0).startsWith("perf-agent is not running") ? 1 : 0;
    } catch (Throwable t) {
      err.println("could not ask " + pid + ": " + t.getMessage());
      return 1;
    } finally {
      if (answer != null) {
        answer.toFile().delete();
      }
    }
  }

  private static File ownJar() throws Exception {
    return new File(AgentPremain.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
  }

  static String versionLine() {
    String otel = "?";
    String asm = "?";
    try (JarFile jar = new JarFile(ownJar())) {
      Attributes main = jar.getManifest().getMainAttributes();
      otel = String.valueOf(main.getValue("OpenTelemetry-Version"));
      asm = String.valueOf(main.getValue("ASM-Version"));
    } catch (Exception e) {
      // not running from the jar (tests): versions unknown
    }
    return "perf-agent " + AgentPremain.version() + " (OpenTelemetry SDK " + otel
        + ", ASM " + asm + ", running on Java " + System.getProperty("java.version")
        + ")";
  }

  private static void usage(PrintStream out) {
    out.println("perf-agent " + AgentPremain.version()
        + ": in-process profiling of JVM data pipelines");
    out.println();
    out.println("  java -javaagent:perf.jar[=key=value,...] -jar your-app.jar");
    out.println("      measure every @io.perfagent.Monitored stage of the application");
    out.println("  java -jar perf.jar attach PID [key=value,...]");
    out.println("      attach to a running JVM (stages woven from then on)");
    out.println("  java -jar perf.jar stages PID");
    out.println("      list the stage rules in force in a running JVM's agent and the "
        + "methods each has woven");
    out.println("  java -jar perf.jar --version | --help");
    out.println();
    out.println("Agent keys (-javaagent options, -Dperf.KEY=VALUE or PERF_KEY=VALUE):");
    for (io.perfagent.agent.config.ConfigKey<?> key
        : io.perfagent.agent.config.AgentConfig.KEYS) {
      out.println(String.format("  %-20s %s (default %s)", key.name(), key.description(),
          io.perfagent.agent.config.AgentConfig.describeDefault(key)));
    }
    out.println();
    out.println("Stage rules (stages=, one a line in stages.file; README: \"No annotation? "
        + "Name the methods\"):");
    out.println("  com.acme.Parser#parse              every method parse of that class "
        + "(any access, static too)");
    out.println("  com.acme.Writer#*   com.acme.Writer#write*   its public methods so named");
    out.println("  com.acme.Codec#decode(byte[],int)  that overload only (String = "
        + "java.lang.String = any class so named)");
    out.println("  com.acme.Job#run[name=job,mode=AGGREGATE,pipeline=orders]   stage name, "
        + "mode (AUTO, SPAN, AGGREGATE), pipeline entry");
    out.println("  A rule on an interface or abstract class weaves the classes implementing "
        + "it; a rule on a JDK type");
    out.println("  (java.*, javax.*, jdk.*, sun.*, com.sun.*) weaves only classes outside the "
        + "JDK, and at most " + io.perfagent.agent.rules.RuleMatches.MAX_CLASSES
        + " classes a rule.");
    out.println("  At exit the summary lists each rule with the methods it wove, or 'matched "
        + "nothing'; 'stages PID' lists them in a running JVM.");
    out.println();
    out.println("Export: set OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_PROTOCOL=grpc or "
        + "http/protobuf); all standard OTEL_* variables apply.");
  }
}
