package io.perfagent.analysis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real headless Chromium of the machine, for tests: one-shot command-line runs
 * ({@code --dump-dom}, {@code --screenshot}) and a DevTools-protocol session over the JDK's
 * WebSocket client. Every run gets a fresh profile and cannot resolve any host name, so a page
 * that tried to load something from the network would fail to, and the test would see it.
 *
 * <p>One copy for the whole build: the report's tests here use it, and the integration tests
 * (the analyzer's dashboard) get it from this module's test jar.
 */
public final class Chromium {

  /** Where Debian and others put it; {@code -Dperf.chromium=/path} or {@code CHROMIUM} first. */
  private static final List<String> CANDIDATES = List.of(
      "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable");

  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Chromium() {}

  public static Optional<Path> find() {
    List<String> tries = new ArrayList<>();
    String prop = System.getProperty("perf.chromium");
    if (prop != null && !prop.isBlank()) {
      tries.add(prop);
    }
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      tries.add(env);
    }
    tries.addAll(CANDIDATES);
    for (String t : tries) {
      Path p = Path.of(t);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The flags every run uses: headless, isolated, quiet, and with no name resolution. */
  public static List<String> baseCommand(Path chromium, Path profile) {
    return baseCommand(chromium, profile, false);
  }

  /**
   * As {@link #baseCommand(Path, Path)}; {@code loopback} leaves 127.0.0.1 reachable (a
   * server under test), every other host still resolves to nothing. The resolver rule maps
   * IP literals too, so without it not even a local server could be reached.
   */
  public static List<String> baseCommand(Path chromium, Path profile, boolean loopback) {
    List<String> cmd = new ArrayList<>();
    Collections.addAll(cmd, chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-default-apps", "--disable-extensions",
        "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND" + (loopback ? ", EXCLUDE 127.0.0.1" : ""),
        "--user-data-dir=" + profile);
    return cmd;
  }

  /** Runs Chromium to completion; returns its stdout. */
  public static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    Process p = pb.start();
    byte[] out;
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getInputStream().readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish within " + TIMEOUT + ": " + cmd);
    }
    try {
      out = reader.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read Chromium's output", e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("Chromium exited with " + p.exitValue() + "; log: "
          + Files.readString(log));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** A DevTools session on one page of a headless Chromium, started on about:blank. */
  public static final class Session implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Pattern PAGE_WS = Pattern.compile(
        "\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+)\"");

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<Map<String, Object>> inbox = new LinkedBlockingQueue<>();
    /** Every event received so far, in order. */
    public final List<Map<String, Object>> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    public Session(Path chromium, Path profile) throws Exception {
      this(chromium, profile, false);
    }

    /** {@code loopback}: pages may load from 127.0.0.1 (a server under test), nothing else. */
    public Session(Path chromium, Path profile, boolean loopback) throws Exception {
      List<String> cmd = baseCommand(chromium, profile, loopback);
      cmd.add("--remote-debugging-port=0");
      cmd.add("--remote-allow-origins=*");
      cmd.add("--window-size=1400,1000");
      cmd.add("about:blank");
      process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String browserWs = awaitListening();
      URI base = URI.create(browserWs.replaceFirst("^ws://", "http://"));
      HttpClient http = HttpClient.newHttpClient();
      String pageWs = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (pageWs == null && System.nanoTime() < deadline) {
        String list = http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = PAGE_WS.matcher(list);
        if (m.find()) {
          pageWs = m.group(1);
        } else {
          Thread.sleep(100);
        }
      }
      if (pageWs == null) {
        throw new IllegalStateException("Chromium opened no page target");
      }
      socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener())
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Reads stderr to the end on its own thread (so the pipe never fills) and returns the URL. */
    private String awaitListening() throws Exception {
      CompletableFuture<String> url = new CompletableFuture<>();
      Thread drain = new Thread(() -> {
        try (BufferedReader err = new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
              url.complete(m.group(1));
            }
          }
        } catch (IOException e) {
          // the process went away
        }
        url.complete(null);
      }, "chromium-stderr");
      drain.setDaemon(true);
      drain.start();
      String u = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (u == null) {
        throw new IllegalStateException("Chromium exited before it opened DevTools");
      }
      return u;
    }

    /** Sends a command and returns its {@code result}, collecting events meanwhile. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(String method, String paramsJson) throws Exception {
      int id = ids.incrementAndGet();
      socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
          + (paramsJson == null ? "{}" : paramsJson) + "}", true).get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        Map<String, Object> msg = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (msg == null) {
          throw new IllegalStateException("no answer to " + method);
        }
        Object mid = msg.get("id");
        if (mid instanceof Double && ((Double) mid).intValue() == id) {
          if (msg.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + msg.get("error"));
          }
          return (Map<String, Object>) msg.get("result");
        }
      }
    }

    /** Waits until an event of that method has arrived. */
    public void awaitEvent(String method) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        synchronized (events) {
          for (Map<String, Object> e : events) {
            if (method.equals(e.get("method"))) {
              return;
            }
          }
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("no " + method + " event");
    }

    /** Evaluates an expression in the page and returns its value (strings, numbers, ...). */
    @SuppressWarnings("unchecked")
    public Object eval(String expression) throws Exception {
      String quoted = quote(expression);
      Map<String, Object> r = call("Runtime.evaluate",
          "{\"expression\":" + quoted + ",\"returnByValue\":true,\"awaitPromise\":true}");
      if (r.containsKey("exceptionDetails")) {
        throw new IllegalStateException("page threw: " + r.get("exceptionDetails"));
      }
      return ((Map<String, Object>) r.get("result")).get("value");
    }

    public static String quote(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }

    @Override
    public void close() {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the browser goes away next anyway
      }
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private final class Listener implements WebSocket.Listener {
      private final StringBuilder partial = new StringBuilder();

      @Override
      @SuppressWarnings("unchecked")
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          Map<String, Object> msg = (Map<String, Object>) MiniJson.parse(partial.toString());
          partial.setLength(0);
          if (msg.containsKey("method")) {
            events.add(msg);
          } else {
            inbox.add(msg);
          }
        }
        ws.request(1);
        return null;
      }
    }
  }
}
