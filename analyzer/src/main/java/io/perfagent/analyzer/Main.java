package io.perfagent.analyzer;

import io.perfagent.analyzer.config.CommandLine;
import io.perfagent.analyzer.config.ConfigException;
import io.perfagent.analyzer.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code java -jar perf-analyzer.jar [options]}: starts the service, prints where it listens,
 * and runs until the process is stopped (SIGTERM drains first). Exit codes: 2 for a bad
 * setting, 1 when the service cannot start (a port taken, a database that does not open).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    CommandLine.Request request;
    try {
      request = CommandLine.parse(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("perf-analyzer: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (request instanceof CommandLine.Help) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    if (request instanceof CommandLine.Version) {
      System.out.println("perf-analyzer " + version());
      return;
    }
    AnalyzerService service;
    try {
      service = new AnalyzerService(((CommandLine.Run) request).config());
    } catch (IOException | StoreException | RuntimeException e) {
      System.err.println("perf-analyzer: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "perf-analyzer-shutdown"));
    try {
      service.start();
    } catch (IOException | RuntimeException e) {
      System.err.println("perf-analyzer: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(service.listening());
  }

  /** The analyzer's version, from the build. */
  public static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
