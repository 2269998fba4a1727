package io.perfagent.analysis.html;

import static io.perfagent.analysis.testing.MiniJson.arr;
import static io.perfagent.analysis.testing.MiniJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.testing.Chromium;
import io.perfagent.analysis.testing.MiniJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks what the report's charts draw, in the real headless Chromium, as a person would see
 * it: the plotted line spans the plot's width, the time axis starts at the first sample and
 * its labels do not overprint, hovering shows values, and each latency histogram draws one
 * bar per non-empty bucket on a log time axis. Leaves a screenshot of the whole page and of
 * every section in {@code target/html-report/<width>x<height>/}, and checks that each one has
 * its section's size and shows more than a blank background.
 */
class HtmlReportChartsTest {

  /** uPlot's line colour in charts.js; the plot is read back from the canvas by it. */
  private static final int[] STROKE = {0x19, 0x71, 0xc2};
  /** The first element of a [t, v] point written as a 19-digit epoch-nanosecond time. */
  private static final Pattern EPOCH_POINT = Pattern.compile("\\[(\\s*)(\\d{19}),");

  static Path chromium;

  @BeforeAll
  static void findChromium() {
    Optional<Path> found = Chromium.find();
    if (found.isEmpty() && Boolean.getBoolean("perf.html.requireBrowser")) {
      fail("Chromium not found; install it with `apt-get install -y chromium`");
    }
    assumeThat(found).as("Chromium for the real-browser chart tests").isPresent();
    chromium = found.get();
  }

  /**
   * The samplers stamp points with epoch nanoseconds; an older report (and the analyzer, for
   * a run it assembled) may give times relative to the run. Either way the axis starts at 0.
   */
  @ParameterizedTest(name = "{0} clock, {1}x{2}")
  @CsvSource({"epoch, 1280, 800", "epoch, 2560, 1440", "relative, 1280, 800"})
  void resourceChartsSpanThePlotWithReadableTimeAxes(String clock, int width, int height,
      @TempDir Path tmp) throws Exception {
    String json = clock.equals("epoch") ? HtmlReportWriterTest.sample()
        : relativeTimes(HtmlReportWriterTest.sample());
    try (Chromium.Session page = open(json, width, height, tmp)) {
      List<Object> charts = arr(MiniJson.parse((String) page.eval(CHART_PROBE)));

      assertThat(charts).as("one uPlot chart per series").hasSize(4);
      // Run-relative samples cannot be placed against the slowest run's epoch start.
      assertThat(page.eval("document.querySelector('#resources .section-head .muted')"
          + ".textContent")).isEqualTo(clock.equals("epoch")
              ? "time since the first sample · shaded: the slowest run of orders-etl"
              : "time since the first sample");
      for (Object c : charts) {
        Map<String, Object> chart = obj(c);
        String name = (String) chart.get("series");
        double plotWidth = (Double) chart.get("plotWidth");
        List<Object> painted = arr(chart.get("painted"));
        assertThat((Double) painted.get(0)).as("%s: line painted inside the plot", name)
            .isNotNegative();
        assertThat((Double) painted.get(0)).as("%s: line starts at the plot's left edge", name)
            .isLessThanOrEqualTo(0.03 * plotWidth);
        assertThat((Double) painted.get(1)).as("%s: line reaches the plot's right edge", name)
            .isGreaterThanOrEqualTo(0.97 * plotWidth);
        // 44 samples, 2 s apart: seconds from the first one, whatever the clock.
        List<Object> scale = arr(chart.get("xScale"));
        assertThat((Double) scale.get(0)).as("%s: x axis from", name).isEqualTo(0.0);
        assertThat((Double) scale.get(1)).as("%s: x axis to", name).isCloseTo(86.0, within(0.01));
        assertLabelsReadable(name, arr(chart.get("labels")), (Double) chart.get("canvasWidth"));
      }

      // Hovering the middle of a chart shows the time and the value there, in its unit.
      String legend = (String) page.eval("""
          (() => {
            const u = PerfCharts.charts[0].plot;
            u.setCursor({ left: u.bbox.width / devicePixelRatio / 2, top: 10 });
            return Array.from(u.root.querySelectorAll('.u-legend .u-value'), v => v.textContent)
              .join(' | ');
          })()""");
      assertThat(legend).matches("\\+4[2-4] s \\| \\d+(\\.\\d+)? %");
      assertThat(page.eval("document.getElementById('js-errors').textContent")).isEqualTo("");
    }
  }

  @Test
  void chartsFollowTheWindowWhenItIsResized(@TempDir Path tmp) throws Exception {
    String widths = "JSON.stringify(PerfCharts.charts.map(c => [c.plot.width, c.el.clientWidth]))";
    try (Chromium.Session page = open(HtmlReportWriterTest.sample(), 2560, 1440, tmp)) {
      String wide = (String) page.eval(widths);
      page.call("Emulation.setDeviceMetricsOverride",
          "{\"width\":900,\"height\":800,\"deviceScaleFactor\":1,\"mobile\":false}");
      String narrow = (String) page.eval(
          "new Promise(r => setTimeout(() => r(" + widths + "), 400))");
      assertThat(narrow).isNotEqualTo(wide);
      for (Object o : arr(MiniJson.parse(narrow))) {
        List<Object> w = arr(o);
        assertThat(w.get(0)).as("chart width = its box's width, after the resize")
            .isEqualTo(w.get(1));
      }
    }
  }

  @Test
  void theSlowestRunIsShadedWhereTheSamplesCoverIt(@TempDir Path tmp) throws Exception {
    try (Chromium.Session page = open(HtmlReportWriterTest.sample(), 1280, 800, tmp)) {
      assertThat(page.eval("document.querySelector('#resources .section-head .muted')"
          + ".textContent")).isEqualTo("time since the first sample · shaded: the slowest run of "
          + "orders-etl");
      // The band runs from 40 s to 48.42 s: orange pixels there and nowhere else (read above
      // the line, where nothing else is drawn over it).
      String band = (String) page.eval("""
          (() => {
            const u = PerfCharts.charts[0].plot, b = u.bbox;
            const img = u.ctx.getImageData(b.left, b.top + 3, b.width, 1).data;
            let lo = Infinity, hi = -Infinity;
            for (let x = 0; x < b.width; x++) {
              const i = 4 * x;
              if (img[i] > img[i + 2] + 8) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            }
            return [u.posToVal(lo / devicePixelRatio, 'x'), u.posToVal(hi / devicePixelRatio, 'x')]
              .map(v => v.toFixed(1)).join('-');
          })()""");
      assertThat(band).isIn("40.0-48.3", "40.0-48.4", "39.9-48.4", "39.9-48.3");
    }
  }

  @Test
  void histogramsDrawOneBarPerNonEmptyBucketOnALogTimeAxis(@TempDir Path tmp) throws Exception {
    String json = HtmlReportWriterTest.sample();
    Map<String, Object> pipeline = obj(arr(obj(MiniJson.parse(json)).get("pipelines")).get(0));
    try (Chromium.Session page = open(json, 1280, 800, tmp)) {
      for (Object s : arr(pipeline.get("stages"))) {
        Map<String, Object> stage = obj(s);
        String name = (String) stage.get("name");
        List<Object> buckets = arr(stage.get("histogram"));
        List<Object> bars = arr(MiniJson.parse((String) page.eval(
            HIST_PROBE.replace("STAGE", name))));

        List<double[]> expected = nonEmptyBuckets(buckets);
        assertThat(bars).as("%s: one bar per non-empty bucket", name).hasSize(expected.size());
        double maxCount = expected.stream().mapToDouble(b -> b[2]).max().orElse(1);
        double maxHeight = bars.stream().mapToDouble(b -> (Double) obj(b).get("h")).max()
            .orElse(0);
        assertThat(maxHeight).as("%s: the tallest bar fills the plot", name).isEqualTo(22.0);
        double pxPerLog = -1;
        double previousRight = -1;
        for (int i = 0; i < bars.size(); i++) {
          Map<String, Object> bar = obj(bars.get(i));
          double x = (Double) bar.get("x");
          double w = (Double) bar.get("w");
          assertThat(w).as("%s bar %d drawn", name, i).isGreaterThan(0);
          // As tall as its count says, but never under 2 px, so that a rare bucket shows.
          assertThat((Double) bar.get("h")).as("%s bar %d height", name, i)
              .isCloseTo(Math.max(2, expected.get(i)[2] / maxCount * 22), within(0.01));
          assertThat(x).as("%s bars left to right", name).isGreaterThanOrEqualTo(previousRight);
          assertThat(x + w).as("%s bar inside its cell", name).isLessThanOrEqualTo(150.5);
          previousRight = x + w;
          // On a log axis a bar's width (plus its 1 px gap) is proportional to log(hi / lo).
          double[] b = expected.get(i);
          double perLog = (w + 1) / Math.log(b[1] / b[0]);
          if (pxPerLog < 0) {
            pxPerLog = perLog;
          }
          assertThat(perLog).as("%s bar %d: width over log(hi/lo)", name, i)
              .isCloseTo(pxPerLog, within(0.02 * pxPerLog + 0.05));
          assertThat((String) bar.get("title")).as("%s bar %d tooltip", name, i)
              .contains(String.format(java.util.Locale.ROOT, "%,d", (long) b[2])
                  + (b[2] == 1 ? " call" : " calls"));
        }
      }
      for (Object h : arr(MiniJson.parse((String) page.eval(HIST_LABELS)))) {
        List<Object> labels = arr(h);
        assertThat(labels).as("time labels under a histogram").hasSizeGreaterThanOrEqualTo(2);
        double previousRight = Double.NEGATIVE_INFINITY;
        for (Object o : labels) {
          Map<String, Object> l = obj(o);
          assertThat((Double) l.get("left")).as("histogram label '%s' clear of the previous one "
              + "and inside the cell", l.get("text")).isGreaterThanOrEqualTo(
                  Math.max(0, previousRight + 3));
          assertThat((Double) l.get("right")).isLessThanOrEqualTo(150);
          previousRight = (Double) l.get("right");
        }
      }
      String folded = HIST_PROBE.replace("STAGE", "parseRecord");
      List<Object> bars = arr(MiniJson.parse((String) page.eval(folded)));
      assertThat((String) obj(bars.get(0)).get("title"))
          .isEqualTo("≤ 1 µs: 210,000 calls (8.75 %)\nestimated from 24,000 timed calls");
      assertThat((String) obj(bars.get(8)).get("title"))
          .isEqualTo("512 µs – 1 ms: 90 calls (0.0037 %)\nestimated from 24,000 timed calls");
      assertThat(page.eval("document.querySelector('#pipeline-0 tr[data-stage=\"readBatch\"] "
          + "svg.hist rect.bucket title').textContent")).isEqualTo("≤ 1 s: 1 call (8.33 %)");
      // No histogram in the report: nothing drawn and nothing said, for spans.
      assertThat(page.eval("document.querySelector('#pipeline-1 tr[data-stage=\"compact\"] "
          + "td.hist-cell').textContent")).isEqualTo("");
    }
  }

  @Test
  void aFoldedStageWithoutBucketsSaysItWasNotTimed(@TempDir Path tmp) throws Exception {
    String json = "{\"pipelines\":[{\"name\":\"p\",\"stages\":["
        + "{\"name\":\"perRecord\",\"folded\":true,\"calls\":5,\"timed_calls\":0,\"histogram\":[]},"
        + "{\"name\":\"span\",\"folded\":false,\"calls\":1,\"histogram\":[]},"
        + "{\"name\":\"zeros\",\"folded\":true,\"histogram\":[{\"le_ns\":10,\"count\":0}]}]}]}";
    try (Chromium.Session page = open(json, 1280, 800, tmp)) {
      String cells = "JSON.stringify(Array.from(document.querySelectorAll('td.hist-cell'), "
          + "c => c.textContent + '/' + c.querySelectorAll('rect').length))";
      assertThat(page.eval(cells)).isEqualTo("[\"not timed/0\",\"/0\",\"not timed/0\"]");
    }
  }

  /**
   * Leaves a screenshot of every section at two viewport sizes for people to look at, and
   * checks that each is the section's size and shows more than its background.
   */
  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1280, 800", "2560, 1440"})
  void screenshotOfEverySection(int width, int height, @TempDir Path tmp) throws Exception {
    Path dir = HtmlReportBrowserTest.OUT.resolve(width + "x" + height);
    Files.createDirectories(dir);
    HtmlReportWriter.write(HtmlReportWriterTest.sample(),
        HtmlReportBrowserTest.OUT.resolve("index.html"));
    try (Chromium.Session page = open(HtmlReportWriterTest.sample(), width, height, tmp)) {
      Map<String, Object> size = obj(MiniJson.parse((String) page.eval(
          "JSON.stringify({ w: document.documentElement.scrollWidth,"
              + " h: document.documentElement.scrollHeight })")));
      List<Object> sections = new ArrayList<>(List.of(Map.of("name", "page", "x", 0.0, "y", 0.0,
          "w", size.get("w"), "h", size.get("h"))));
      sections.addAll(arr(MiniJson.parse((String) page.eval("""
          JSON.stringify(Array.from(document.querySelectorAll(
              '.phead, .section, footer.agent'), (e, i) => {
            const r = e.getBoundingClientRect();
            const title = e.querySelector('h1, h2');
            return { name: String(i).padStart(2, '0') + '-' + (e.closest('[data-pipeline]')
                  ? e.closest('.pipeline').id + '-' : '')
                + (title ? title.textContent : e.className).toLowerCase()
                  .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40),
              x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height };
          }))"""))));
      assertThat(sections).as("the page and its sections").hasSizeGreaterThanOrEqualTo(13);
      for (Object o : sections) {
        Map<String, Object> s = obj(o);
        String name = (String) s.get("name");
        double w = (Double) s.get("w");
        double h = (Double) s.get("h");
        Map<String, Object> shot = page.call("Page.captureScreenshot", String.format(
            java.util.Locale.ROOT, "{\"format\":\"png\",\"captureBeyondViewport\":true,"
                + "\"clip\":{\"x\":%f,\"y\":%f,\"width\":%f,\"height\":%f,\"scale\":1}}",
            (Double) s.get("x"), (Double) s.get("y"), w, h));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Files.write(dir.resolve(name + ".png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("%s decodes as a PNG", name).isNotNull();
        assertThat((double) img.getWidth()).as("%s width", name).isCloseTo(w, within(1.5));
        assertThat((double) img.getHeight()).as("%s height", name).isCloseTo(h, within(1.5));
        assertThat(inkShare(img)).as("%s: share of pixels unlike its background", name)
            .isGreaterThan(0.01);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Reads, for every chart: the painted extent of its line, its x scale and tick labels. */
  private static final String CHART_PROBE = """
      JSON.stringify(PerfCharts.charts.map(c => {
        const u = c.plot, b = u.bbox, pr = devicePixelRatio || 1;
        const img = u.ctx.getImageData(b.left, b.top, b.width, b.height);
        let lo = Infinity, hi = -Infinity;
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < img.width; x++) {
            const i = 4 * (y * img.width + x), d = img.data;
            if (d[i + 3] > 200 && Math.abs(d[i] - R) + Math.abs(d[i + 1] - G)
                + Math.abs(d[i + 2] - B) < 60) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
          }
        }
        const axis = u.axes[0];
        const m = document.createElement('canvas').getContext('2d');
        m.font = axis.font[0];
        const labels = axis._splits.map((v, k) => {
          const half = m.measureText(axis._values[k]).width / pr / 2;
          const x = u.valToPos(v, 'x') + b.left / pr;
          return { text: axis._values[k], left: x - half, right: x + half };
        });
        return { series: c.el.closest('.chart').dataset.series, plotWidth: b.width,
          painted: lo === Infinity ? [-1, -1] : [lo, hi],
          xScale: [u.scales.x.min, u.scales.x.max], labels, canvasWidth: u.width };
      }))"""
      .replace("R)", STROKE[0] + ")").replace("G)", STROKE[1] + ")")
      .replace("B)", STROKE[2] + ")");

  /** The bars of one stage's histogram, with their tooltips. */
  private static final String HIST_PROBE = """
      JSON.stringify(Array.from(document.querySelectorAll(
          '#pipeline-0 tr[data-stage="STAGE"] svg.hist rect.bucket'), r => {
        const b = r.getBBox();
        return { x: b.x, w: b.width, h: b.height, title: r.querySelector('title').textContent };
      }))""";

  /** The boxes of the time labels under every histogram, as drawn. */
  private static final String HIST_LABELS = """
      JSON.stringify(Array.from(document.querySelectorAll('svg.hist'), s =>
        Array.from(s.querySelectorAll('text'), t => {
          const b = t.getBBox();
          return { text: t.textContent, left: b.x, right: b.x + b.width };
        })))""";

  private static Chromium.Session open(String json, int width, int height, Path tmp)
      throws Exception {
    Path file = tmp.resolve("index.html");
    HtmlReportWriter.write(json, file);
    Chromium.Session page = new Chromium.Session(chromium,
        Files.createDirectories(tmp.resolve("profile")));
    try {
      page.call("Page.enable", null);
      page.call("Emulation.setDeviceMetricsOverride", "{\"width\":" + width + ",\"height\":"
          + height + ",\"deviceScaleFactor\":1,\"mobile\":false}");
      page.call("Page.navigate", "{\"url\":" + Chromium.Session.quote(file.toUri().toString())
          + "}");
      page.awaitEvent("Page.loadEventFired");
      assertThat(page.eval("document.getElementById('render-ok') !== null")).isEqualTo(true);
      return page;
    } catch (Exception | AssertionError e) {
      page.close();
      throw e;
    }
  }

  /** Tick labels of the time axis: short, in a time unit, apart, and inside the chart. */
  private static void assertLabelsReadable(String name, List<Object> labels, double canvasWidth) {
    assertThat(labels).as("%s: time-axis labels", name).hasSizeGreaterThanOrEqualTo(3);
    assertThat((String) obj(labels.get(0)).get("text")).as("%s: first label", name)
        .isEqualTo("0 s");
    double previousRight = Double.NEGATIVE_INFINITY;
    for (Object o : labels) {
      Map<String, Object> l = obj(o);
      String text = (String) l.get("text");
      assertThat(text).as("%s: label", name).matches("\\d+(\\.\\d+)? (s|min|h)");
      assertThat((Double) l.get("left")).as("%s: '%s' clear of the previous label", name, text)
          .isGreaterThanOrEqualTo(previousRight + 4);
      assertThat((Double) l.get("right")).as("%s: '%s' inside the chart", name, text)
          .isLessThanOrEqualTo(canvasWidth);
      previousRight = (Double) l.get("right");
    }
  }

  /** [lo, hi, count] of each bucket that counts a call, lo being the previous bound. */
  private static List<double[]> nonEmptyBuckets(List<Object> buckets) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      double le = (Double) obj(buckets.get(i)).get("le_ns");
      double count = (Double) obj(buckets.get(i)).get("count");
      double lo;
      if (i > 0) {
        lo = (Double) obj(buckets.get(i - 1)).get("le_ns");
      } else if (buckets.size() > 1) {
        lo = le / ((Double) obj(buckets.get(1)).get("le_ns") / le);
      } else {
        lo = le / 10;
      }
      if (count > 0) {
        out.add(new double[] {lo, le, count});
      }
    }
    return out;
  }

  /** The same report with every sample time made relative to the first one. */
  private static String relativeTimes(String json) {
    Matcher m = EPOCH_POINT.matcher(json);
    long first = -1;
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long t = Long.parseLong(m.group(2));
      first = first < 0 ? t : first;
      m.appendReplacement(out, "[" + m.group(1) + (t - first) + ",");
    }
    m.appendTail(out);
    assertThat(first).as("epoch sample times in the fixture").isPositive();
    return out.toString();
  }

  /** The share of pixels that differ clearly from the top-left one (the background). */
  private static double inkShare(BufferedImage img) {
    int bg = img.getRGB(0, 0);
    long differing = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        int d = Math.abs(((p >> 16) & 0xff) - ((bg >> 16) & 0xff))
            + Math.abs(((p >> 8) & 0xff) - ((bg >> 8) & 0xff)) + Math.abs((p & 0xff) - (bg & 0xff));
        if (d > 48) {
          differing++;
        }
      }
    }
    return (double) differing / ((long) img.getWidth() * img.getHeight());
  }
}
