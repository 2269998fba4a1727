package io.perfagent.analysis.html;

import static io.perfagent.analysis.html.HtmlReportWriterTest.PAYLOAD;
import static io.perfagent.analysis.html.HtmlReportWriterTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfagent.analysis.testing.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens the report in the machine's real headless Chromium and checks what it drew, that no
 * script error happened and that nothing was requested from the network.
 *
 * <p>Chromium is looked up at {@code -Dperf.chromium}, {@code $CHROMIUM}, then
 * {@code /usr/bin/chromium} (Debian's package {@code chromium}) and the usual other names.
 * Without it the tests are skipped with a message saying so, or fail when
 * {@code -Dperf.html.requireBrowser=true} (for CI, where Chromium is installed).
 *
 * <p>The page's own contract: uncaught errors, unhandled rejections and {@code console.error}
 * calls land in {@code #js-errors}; {@code #render-ok} appears when drawing finished.
 */
class HtmlReportBrowserTest {

  /** Where screenshots ({@link HtmlReportChartsTest}) and a copy of the page are left. */
  static final Path OUT = Path.of("target", "html-report");

  private static final Pattern JS_ERRORS =
      Pattern.compile("<div id=\"js-errors\"[^>]*>(.*?)</div>\\s*<main", Pattern.DOTALL);
  private static final String NO_URL_ATTRIBUTE =
      "(?i)\\b(src|href|xlink:href|action|poster|srcset)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:)";

  static Path chromium;

  @BeforeAll
  static void findChromium() {
    Optional<Path> found = Chromium.find();
    String why = "Chromium not found (tried -Dperf.chromium, $CHROMIUM, /usr/bin/chromium, "
        + "/usr/bin/chromium-browser, /usr/bin/google-chrome): install it with "
        + "`apt-get install -y chromium` to run the real-browser tests of the HTML report";
    if (found.isEmpty() && Boolean.getBoolean("perf.html.requireBrowser")) {
      fail(why);
    }
    assumeTrue(found.isPresent(), why + "; skipping them");
    chromium = found.get();
  }

  @Test
  void drawsEverySectionOfTheSampleReport(@TempDir Path tmp) throws Exception {
    String dom = renderAndDump(HtmlReportWriterTest.sample(), tmp);

    assertCleanRender(dom, 2);
    // 1. headers
    assertDomContains(dom, "data-pipeline=\"orders-etl\"", "data-pipeline=\"nightly-compaction\"");
    assertDomContains(dom, "<h1 class=\"pname\">orders-etl</h1>", "median wall", "7.12 s");
    assertDomContains(dom, "Top bottleneck: <b>scoreModel</b> (cpu), 34.2 % of the critical path");
    // 2. bottleneck cards, with kind, share, evidence (string and object) and what-if
    assertDomMatches(dom, "<div class=\"card bottleneck first\" data-stage=\"scoreModel\" "
        + "data-kind=\"cpu\">");
    assertDomMatches(dom, "data-stage=\"enrichPartition\" data-kind=\"skew\"");
    assertDomContains(dom, "13 of 16 cores sat idle", "<dt>off_cpu_share</dt><dd>91 %</dd>");
    assertDomContains(dom, "2x faster: 7.12 s → 5.61 s, <span class=\"gain\">−21.2 %</span>");
    assertDomContains(dom, "no gain (off the critical path)");
    // 3. the waterfall: 21 spans of the slowest run, critical ones highlighted, errors marked
    assertThat(count(dom, "<g class=\"wf-row\"")).isEqualTo(21 + 2); // + minimal's path rows
    assertThat(count(dom, "class=\"wf-seg wf-critical-seg\"")).isEqualTo(19);
    assertThat(count(dom, "class=\"wf-bar wf-critical")).isEqualTo(12 + 2);
    assertThat(count(dom, "class=\"wf-error-outline\"")).isEqualTo(2);
    assertDomContains(dom, "lookupCustomer\nthread: enrich-pool-4\nduration: 2.49 s");
    assertDomContains(dom, "<i class=\"l-crit\"></i>critical path");
    // 4. the stage table, in human units, folded stage marked with its histogram
    for (String stage : List.of("OrderPipeline.run", "readBatch", "parseRecord", "enrichPartition",
        "lookupCustomer", "scoreModel", "aggregateWindow", "writeSink", "commitOffsets",
        "metricsPublish", "compact", "mergeSegments")) {
      assertDomMatches(dom, "<tr data-index=\"\\d+\" data-stage=\"" + Pattern.quote(stage) + "\"");
    }
    String folded = between(dom, "data-stage=\"parseRecord\" class=\"folded\">", "</tr>");
    assertThat(folded).contains("badge folded", "<svg class=\"hist\"", "1.8 µs", "2.6 GiB");
    assertThat(count(folded, "<rect ")).isEqualTo(10);
    assertDomMatches(dom, "<td class=\"num\" data-sort=\"24481313587\"[^>]*>22.8 GiB</td>");
    assertDomMatches(dom, "<td class=\"num\" data-sort=\"86200000000\"[^>]*>86.2 s</td>");
    // 4b. what the resources did while each stage ran: only stages and columns with data
    String perStage = between(dom, "<table class=\"stage-resources\">", "</table>");
    assertThat(count(perStage, "<tr data-stage=")).isEqualTo(3);
    assertThat(perStage.indexOf("data-stage=\"OrderPipeline.run\""))
        .isLessThan(perStage.indexOf("data-stage=\"lookupCustomer\""));
    assertThat(perStage).contains("data-col=\"host_cpu_utilization\"",
        "data-col=\"gpu_memory_bytes\"", "data-col=\"io_wait_utilization\"")
        .doesNotContain("data-col=\"npu_utilization\"", "data-col=\"container_cpu_utilization\"");
    String score = between(perStage, "<tr data-stage=\"scoreModel\">", "</tr>");
    assertThat(score).contains("<span>97 %</span>", "<span>94 %</span>", "<span>2 %</span>",
        ">1 GiB</td>", ">361 ms</td>", ">36.1 s</td>", "title=\"not sampled\"");
    assertThat(between(perStage, "<tr data-stage=\"lookupCustomer\">", "</tr>"))
        .contains("<span>41 %</span>");
    // 5. alerts and recommendations
    assertDomContains(dom, "<code>p95&lt;500ms/1s</code>", "702 ms · limit 500 ms",
        "6.3 % · limit 6 %", "3 of 12 runs · limit 2 runs");
    assertDomContains(dom, "Parallelise gbmPredict across the idle cores");
    // 6. resource charts, one uPlot per series (what they draw: HtmlReportChartsTest)
    assertThat(count(dom, "<div class=\"chart\" data-series=")).isEqualTo(4);
    assertThat(count(dom, "<div class=\"uplot")).isEqualTo(4);
    assertDomContains(dom, "data-series=\"process.cpu.utilization\"", "max 1.92 GiB");
    // 7. agent block
    assertDomContains(dom, "agent <b>0.1.0-SNAPSHOT</b>", "dropped spans <b>0</b>");
  }

  /** The strongest checks go through the DevTools protocol: console, network and clicks. */
  @Test
  void noConsoleErrorNoRequestAndTheTableSorts(@TempDir Path tmp) throws Exception {
    Path page = tmp.resolve("index.html");
    HtmlReportWriter.write(HtmlReportWriterTest.sample(), page);
    Path profile = Files.createDirectories(tmp.resolve("profile"));
    try (Chromium.Session cdp = new Chromium.Session(chromium, profile)) {
      cdp.call("Runtime.enable", null);
      cdp.call("Log.enable", null);
      cdp.call("Network.enable", null);
      cdp.call("Page.enable", null);
      cdp.call("Page.navigate", "{\"url\":" + Chromium.Session.quote(page.toUri().toString()) + "}");
      cdp.awaitEvent("Page.loadEventFired");

      assertThat(cdp.eval("document.getElementById('render-ok') !== null")).isEqualTo(true);
      assertThat(cdp.eval("document.getElementById('js-errors').textContent")).isEqualTo("");

      String order = "JSON.stringify(Array.from(document.querySelectorAll("
          + "'#pipeline-0 table.stages tbody tr'), r => r.dataset.stage))";
      String click = "document.querySelector('#pipeline-0 th[data-col=\"%s\"]').click()";
      cdp.eval(String.format(click, "wall_ns"));
      assertThat(cdp.eval(order)).isEqualTo(json("OrderPipeline.run", "enrichPartition",
          "lookupCustomer", "scoreModel", "readBatch", "writeSink", "aggregateWindow",
          "parseRecord", "commitOffsets", "metricsPublish"));
      assertThat(cdp.eval("document.querySelector('#pipeline-0 th[data-col=\"wall_ns\"]')"
          + ".getAttribute('aria-sort')")).isEqualTo("descending");
      cdp.eval(String.format(click, "wall_ns"));
      assertThat(cdp.eval(order)).isEqualTo(json("metricsPublish", "commitOffsets",
          "parseRecord", "aggregateWindow", "writeSink", "readBatch", "scoreModel",
          "lookupCustomer", "enrichPartition", "OrderPipeline.run"));
      cdp.eval(String.format(click, "name"));
      assertThat(cdp.eval(order)).isEqualTo(json("aggregateWindow", "commitOffsets",
          "enrichPartition", "lookupCustomer", "metricsPublish", "OrderPipeline.run",
          "parseRecord", "readBatch", "scoreModel", "writeSink"));
      cdp.eval(String.format(click, "histogram"));
      assertThat(cdp.eval(order + ".startsWith('[\"parseRecord\"')")).isEqualTo(true);
      // A hover title on a waterfall bar names stage, thread and duration.
      assertThat(cdp.eval("document.querySelector('#pipeline-0 g.wf-row[data-span-id=\"s12\"] > title')"
          + ".textContent")).isEqualTo("lookupCustomer\nthread: enrich-pool-4\nduration: 2.49 s\n"
          + "start: +1.21 s\non the critical path");
      assertThat(cdp.eval("document.getElementById('js-errors').textContent")).isEqualTo("");

      List<String> problems = new ArrayList<>();
      boolean sawThePage = false;
      synchronized (cdp.events) {
        for (Map<String, Object> e : cdp.events) {
          Object method = e.get("method");
          Map<?, ?> params = (Map<?, ?>) e.get("params");
          if ("Runtime.exceptionThrown".equals(method)) {
            problems.add("exception: " + params);
          } else if ("Runtime.consoleAPICalled".equals(method)
              && List.of("error", "assert", "warning").contains(params.get("type"))) {
            problems.add("console." + params.get("type") + ": " + params.get("args"));
          } else if ("Log.entryAdded".equals(method)) {
            Map<?, ?> entry = (Map<?, ?>) params.get("entry");
            if (!"verbose".equals(entry.get("level")) && !"info".equals(entry.get("level"))) {
              problems.add("log " + entry.get("level") + ": " + entry.get("text") + " "
                  + entry.get("url"));
            }
          } else if ("Network.requestWillBeSent".equals(method)) {
            String url = String.valueOf(((Map<?, ?>) params.get("request")).get("url"));
            if (url.equals(page.toUri().toString())) {
              sawThePage = true;
            } else if (!url.startsWith("data:")) {
              problems.add("request: " + url);
            }
          }
        }
      }
      assertThat(sawThePage).as("the page's own load was seen, so events are recorded").isTrue();
      assertThat(problems).as("console errors, warnings and requests").isEmpty();
    }
  }

  @Test
  void stageNamesFromTheApplicationAreShownAsText(@TempDir Path tmp) throws Exception {
    String dom = renderAndDump(HtmlReportWriterTest.hostileReport(), tmp);

    assertCleanRender(dom, 1);
    assertThat(dom).doesNotContain("data-pwned").doesNotContain(PAYLOAD);
    assertThat(count(dom, "<script")).isEqualTo(4);
    String asText = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    assertDomContains(dom, "<span class=\"stage-name\">" + asText + "</span>");
    assertDomContains(dom, "<span class=\"stage\">" + asText + "</span>");
    assertDomContains(dom, "&lt;!-- &lt;script&gt;alert(2)&lt;/script&gt;");
    assertDomContains(dom, "/*@@REPORT_JS@@*/ @@REPORT_DATA@@");
  }

  static Stream<Arguments> incompleteReports() {
    return Stream.of(
        Arguments.of("empty object", "{}", 0),
        Arguments.of("only a name", "{\"schema\":\"perf-report/1\",\"pipelines\":[{\"name\":\"x\"}]}", 1),
        Arguments.of("nulls everywhere", "{\"schema\":null,\"pipelines\":[{\"name\":null,\"runs\":null,"
            + "\"wall_ns\":null,\"stages\":null,\"critical_path\":null,\"bottlenecks\":null,"
            + "\"what_if\":null,\"alerts\":null,\"recommendations\":null,\"cost\":null,"
            + "\"slowest_run\":null}],\"resources\":null,\"agent\":null}", 1),
        Arguments.of("odd shapes", "{\"pipelines\":[null,3,\"s\",{\"name\":\"odd\",\"runs\":\"many\","
            + "\"stages\":[null,7,{\"name\":\"f\",\"folded\":true,\"histogram\":\"no\","
            + "\"calls\":\"x\",\"critical_path_share\":7},{\"name\":\"g\",\"folded\":true,"
            + "\"histogram\":[{\"le_ns\":null,\"count\":3},{\"count\":0},{}]}],"
            + "\"bottlenecks\":[{},{\"stage\":\"f\",\"kind\":\"weird kind!\",\"evidence\":"
            + "{\"a\":1,\"b\":{\"c\":[2]},\"d\":null}},{\"evidence\":[1,\"two\"]}],"
            + "\"what_if\":[{\"stage\":\"f\"},{\"speedup\":1.5,\"predicted_wall_ns\":-1},null],"
            + "\"alerts\":[{\"value\":\"hi\"},{\"level\":5,\"value\":0.5,\"threshold\":{},\"unit\":\"ratio\"}],"
            + "\"recommendations\":[{},{\"text\":\"t\",\"evidence\":{\"k\":\"v\"}}],\"cost\":[1],"
            + "\"critical_path\":[{},{\"start_ns\":\"a\"},null],"
            + "\"critical_path_left_out\":[null,{\"stage\":\"z\"}],"
            + "\"slowest_run\":{\"wall_ns\":0,\"spans\":[{\"span_id\":1,\"parent_id\":1},"
            + "{\"span_id\":2,\"parent_id\":3},{\"span_id\":3,\"parent_id\":2},{\"parent_id\":\"missing\","
            + "\"error\":true,\"critical\":true,\"duration_ns\":-5},null]}}],"
            + "\"resources\":{\"series\":[{\"name\":\"x\",\"points\":[[0,1],[\"a\",2],null,[5]]},"
            + "{\"points\":[]},{\"name\":\"flat\",\"unit\":\"By\",\"points\":[[0,3],[10,3]]}],"
            + "\"alerts\":\"none\"},\"agent\":{\"version\":3,\"dropped_spans\":12,\"nested\":{}}}", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incompleteReports")
  void drawsWhatIsThereWithoutAScriptError(String what, String json, int pipelines,
      @TempDir Path tmp) throws Exception {
    String dom = renderAndDump(json, tmp);

    assertCleanRender(dom, pipelines);
    if (!json.contains("\"series\":[{")) {
      assertDomContains(dom, "No resource samples in this report.");
    }
  }

  @Test
  void aReportThatIsNotJsonSaysSo(@TempDir Path tmp) throws Exception {
    String dom = renderAndDump("this is not json", tmp);

    assertDomContains(dom, "The report data could not be read");
    assertThat(dom.contains("id=\"render-ok\"")).as("#render-ok without data").isFalse();
  }

  // ------------------------------------------------------------------ helpers

  private static String renderAndDump(String json, Path tmp) throws IOException, InterruptedException {
    Path page = tmp.resolve("index.html");
    HtmlReportWriter.write(json, page);
    assertThat(Files.readString(page)).doesNotContainPattern(NO_URL_ATTRIBUTE);
    Path profile = Files.createDirectories(tmp.resolve("profile"));
    List<String> cmd = Chromium.baseCommand(chromium, profile);
    cmd.add("--window-size=1400,1000");
    cmd.add("--dump-dom");
    cmd.add(page.toUri().toString());
    String dom = Chromium.run(cmd, tmp.resolve("chromium.log"));
    assertThat(dom).as("DOM dumped by Chromium").contains("</html>");
    assertThat(dom).doesNotContainPattern(NO_URL_ATTRIBUTE);
    return dom;
  }

  private static void assertCleanRender(String dom, int pipelines) {
    Matcher m = JS_ERRORS.matcher(dom);
    assertThat(m.find()).as("#js-errors in the DOM").isTrue();
    assertThat(m.group(1)).as("script errors written into #js-errors").isEmpty();
    assertDomContains(dom, "<div class=\"render-ok\" id=\"render-ok\" data-pipelines=\""
        + pipelines + "\"></div>");
  }

  /** Like AssertJ's contains, but names only what is missing instead of printing the DOM. */
  private static void assertDomContains(String dom, String... parts) {
    List<String> missing = new ArrayList<>();
    for (String p : parts) {
      if (!dom.contains(p)) {
        missing.add(p);
      }
    }
    assertThat(missing).as(() -> "missing from the DOM (" + saved(dom) + ")").isEmpty();
  }

  private static void assertDomMatches(String dom, String regex) {
    assertThat(Pattern.compile(regex).matcher(dom).find())
        .as(() -> "DOM matches " + regex + " (" + saved(dom) + ")").isTrue();
  }

  /** Keeps the DOM of a failing check where a person can read it. */
  private static String saved(String dom) {
    try {
      Files.createDirectories(OUT);
      Path f = OUT.resolve("last-dom.html");
      Files.writeString(f, dom);
      return "DOM in " + f.toAbsolutePath();
    } catch (IOException e) {
      return "DOM not saved: " + e;
    }
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    assertThat(a).as("'%s' in the DOM", from).isGreaterThanOrEqualTo(0);
    int b = s.indexOf(to, a);
    return s.substring(a, b < 0 ? s.length() : b);
  }

  private static String json(String... names) {
    StringBuilder b = new StringBuilder("[");
    for (String n : names) {
      b.append(b.length() > 1 ? "," : "").append('"').append(n).append('"');
    }
    return b.append(']').toString();
  }
}
