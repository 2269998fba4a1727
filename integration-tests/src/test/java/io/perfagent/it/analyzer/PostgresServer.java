package io.perfagent.it.analyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for a test: Debian's binaries ({@code /usr/lib/postgresql/N/bin}),
 * a fresh cluster in a temporary directory (trust authentication, superuser {@code perf}),
 * listening on 127.0.0.1 and a free port. PostgreSQL refuses to run as root, so as root it runs
 * as the {@code postgres} user through {@code runuser}. {@link #close()} stops it.
 */
public final class PostgresServer implements AutoCloseable {

  private final Process server;
  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresServer(Process server, Path bin, Path dir, int port) {
    this.server = server;
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /**
   * The server's bin directory; without PostgreSQL the calling test is skipped with one line,
   * or fails under {@code CI=true} (where .ci/run installs it).
   */
  public static Path required() {
    Path bin = binaries();
    if (bin == null) {
      String why = "PostgreSQL is not installed (Debian's postgresql package)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    return bin;
  }

  /** The server's bin directory, or null when PostgreSQL is not installed. */
  public static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
      for (Path v : versions) {
        if (Files.isExecutable(v.resolve("bin/postgres"))) {
          return v.resolve("bin");
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asPostgres(List<String> cmd) {
    if (!root()) {
      return cmd;
    }
    List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    out.addAll(cmd);
    return out;
  }

  public static PostgresServer start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("perf-analyzer-pg");
    if (root()) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    Path data = dir.resolve("data");
    run(asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A",
        "trust", "-U", "perf", "--no-sync")));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(asPostgres(List.of(bin.resolve("postgres").toString(),
        "-D", data.toString(), "-p", Integer.toString(port), "-k", dir.toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")))
        .redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          if (line.contains("ready to accept connections")) {
            ready.countDown();
          }
        }
      } catch (IOException ignored) {
        // the server was stopped
      }
    }, "postgres-log");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      synchronized (log) {
        throw new IOException("PostgreSQL did not start:\n" + log);
      }
    }
    return new PostgresServer(p, bin, dir, port);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
    }
  }

  /** The JDBC URL of the cluster's {@code postgres} database, as user {@code perf}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=perf";
  }

  @Override
  public void close() {
    try {
      run(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D",
          dir.resolve("data").toString(), "-m", "fast")));
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      run(List.of("rm", "-rf", dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
