package io.perfagent.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The dashboard's wall-time chart ({@code #wall-chart}) as drawn, read from its uPlot instance
 * in {@code window.PerfCharts.charts} and from the pixels of its canvas.
 */
public final class WallChart {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WallChart() {}

  /** Reads the wall-time chart from its uPlot instance and its canvas. */
  private static final String PROBE = """
      JSON.stringify((() => {
        const box = document.getElementById('wall-chart');
        const u = PerfCharts.charts.find(c => box.contains(c.el)).plot;
        const b = u.bbox, pr = devicePixelRatio || 1;
        const points = u.data[0].map((run, i) => {
          const x = u.valToPos(run, 'x'), y = u.valToPos(u.data[1][i], 'y');
          const img = u.ctx.getImageData(Math.round(b.left + x * pr) - 5,
              Math.round(b.top + y * pr) - 5, 11, 11).data;
          let painted = false;
          for (let k = 0; k < img.length; k += 4) {
            if (img[k + 3] > 200 && Math.abs(img[k] - 25) + Math.abs(img[k + 1] - 113)
                + Math.abs(img[k + 2] - 194) < 60) { painted = true; }
          }
          return { run, value: u.data[1][i], x, y, painted };
        });
        const m = document.createElement('canvas').getContext('2d');
        const labels = (ai) => {
          const a = u.axes[ai];
          m.font = a.font[0];
          return a._splits.map((v, k) => ({ v, text: String(a._values[k]) }))
            .filter(l => l.text !== '')
            .map(l => {
              const w = m.measureText(l.text).width / pr, h = a.font[1] / pr;
              if (ai === 0) {
                const cx = u.valToPos(l.v, 'x') + b.left / pr;
                return { text: l.text, left: cx - w / 2, right: cx + w / 2, top: 0, bottom: 1 };
              }
              const cy = u.valToPos(l.v, 'y') + b.top / pr;
              const right = b.left / pr - a.gap - a.ticks.size;
              return { text: l.text, left: right - w, right, top: cy - h / 2, bottom: cy + h / 2 };
            });
        };
        return { points, plotWidth: b.width / pr, plotHeight: b.height / pr,
          canvasWidth: u.width, xLabels: labels(0), yLabels: labels(1) };
      })())""";

  /**
   * The chart's points ({@code run}, {@code value}, {@code x}, {@code y} in CSS px from the
   * plot's top left, {@code painted}), the plot's size, and the axis labels' boxes.
   */
  public static JsonNode probe(BrowserPage page) throws Exception {
    return JSON.readTree((String) page.eval(PROBE));
  }

  /**
   * The wall-time chart as drawn: one point per run at distinct x positions increasing with
   * the run's number, inside the plot, higher for a longer run, painted in the line's colour
   * on the canvas; the axis labels apart from each other and inside the chart.
   */
  public static JsonNode check(BrowserPage page, int runs) throws Exception {
    JsonNode c = probe(page);
    JsonNode pts = c.path("points");
    assertThat(pts.size()).as("points: %s", c).isEqualTo(runs);
    double plotW = c.path("plotWidth").asDouble();
    double plotH = c.path("plotHeight").asDouble();
    for (int i = 0; i < pts.size(); i++) {
      JsonNode p = pts.get(i);
      assertThat(p.path("x").asDouble()).as("point %d inside the plot: %s", i, c)
          .isBetween(4.0, plotW - 4);
      assertThat(p.path("y").asDouble()).as("point %d inside the plot: %s", i, c)
          .isBetween(0.0, plotH);
      assertThat(p.path("painted").asBoolean()).as("point %d painted: %s", i, c).isTrue();
      if (i > 0) {
        JsonNode q = pts.get(i - 1);
        assertThat(p.path("run").asInt()).isEqualTo(q.path("run").asInt() + 1);
        assertThat(p.path("x").asDouble() - q.path("x").asDouble())
            .as("runs spread over the plot: %s", c).isGreaterThan(plotW / (runs + 1) * 0.8);
      }
      for (int j = 0; j < pts.size(); j++) {
        JsonNode q = pts.get(j);
        if (p.path("value").asDouble() > q.path("value").asDouble() * 1.02) {
          assertThat(p.path("y").asDouble()).as("a longer run is drawn higher: %s", c)
              .isLessThan(q.path("y").asDouble());
        }
      }
    }
    assertThat(pts.get(0).path("x").asDouble()).as("first run on the left")
        .isLessThan(plotW / 2);
    assertThat(pts.get(pts.size() - 1).path("x").asDouble()).as("last run on the right")
        .isGreaterThan(plotW / 2);
    for (String axis : List.of("xLabels", "yLabels")) {
      JsonNode labels = c.path(axis);
      assertThat(labels.size()).as("%s: %s", axis, c).isGreaterThanOrEqualTo(2);
      for (int i = 0; i < labels.size(); i++) {
        JsonNode l = labels.get(i);
        assertThat(l.path("left").asDouble()).as("%s inside the chart: %s", axis, l)
            .isGreaterThanOrEqualTo(0);
        assertThat(l.path("right").asDouble()).as("%s inside the chart: %s", axis, l)
            .isLessThanOrEqualTo(c.path("canvasWidth").asDouble());
        for (int j = i + 1; j < labels.size(); j++) {
          JsonNode m = labels.get(j);
          boolean apart = l.path("right").asDouble() + 2 <= m.path("left").asDouble()
              || m.path("right").asDouble() + 2 <= l.path("left").asDouble()
              || l.path("bottom").asDouble() <= m.path("top").asDouble()
              || m.path("bottom").asDouble() <= l.path("top").asDouble();
          assertThat(apart).as("%s labels %s and %s overlap", axis, l, m).isTrue();
        }
      }
    }
    return c;
  }

  /** Dashed marks on the plot, by colour: red for a regression, green for an improvement. */
  private static final String MARKS = """
      JSON.stringify((() => {
        const box = document.getElementById('wall-chart');
        const u = PerfCharts.charts.find(c => box.contains(c.el)).plot;
        const pr = devicePixelRatio || 1;
        const l = Math.round(u.bbox.left), t = Math.round(u.bbox.top);
        const w = Math.round(u.bbox.width), h = Math.round(u.bbox.height);
        const img = u.ctx.getImageData(l, t, w, h).data;
        const colours = { regression: [0xc9, 0x2a, 0x2a], improvement: [0x2f, 0x9e, 0x44] };
        const out = [];
        for (const [kind, c] of Object.entries(colours)) {
          const cols = [];
          for (let x = 0; x < w; x++) {
            let n = 0;
            for (let y = 0; y < h; y++) {
              const k = (y * w + x) * 4;
              if (img[k + 3] > 200 && Math.abs(img[k] - c[0]) + Math.abs(img[k + 1] - c[1])
                  + Math.abs(img[k + 2] - c[2]) < 60) { n++; }
            }
            cols.push(n);
          }
          // a mark: adjacent columns, each that colour over a third of the plot's height or more
          for (let x = 0; x < w; x++) {
            if (cols[x] < h / 3) { continue; }
            let e = x, sum = 0, at = 0;
            for (; e < w && cols[e] >= h / 3; e++) { sum += cols[e]; at += cols[e] * (e + 0.5); }
            out.push({ kind, x: at / sum / pr, width: (e - x) / pr, pixels: sum });
            x = e;
          }
        }
        return out;
      })())""";

  /**
   * The vertical marks drawn on the plot: {@code kind} ({@code regression} or
   * {@code improvement}, by colour) and {@code x} in CSS px from the plot's left, as
   * {@link #probe}'s points; found in the canvas' pixels, not in the page's data.
   */
  public static JsonNode marks(BrowserPage page) throws Exception {
    return JSON.readTree((String) page.eval(MARKS));
  }
}
