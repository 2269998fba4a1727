package io.perfagent.analysis.report;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void bottlenecksWithWhatIfFirstThenTheStageTable() {
    String text = TextReport.render(ReportJsonTest.report());
    assertThat(text).startsWith("pipeline orders, 3 runs, median 1.10 s (1.00 s to 1.20 s)\n");
    assertThat(text).contains("  1. score                cpu");
    assertThat(text).containsPattern("2x faster → run 1\\.10 s → [0-9.]+ ms \\(−[0-9.]+ %\\)");
    assertThat(text.indexOf("1. score")).isLessThan(text.indexOf("  stage "));
    assertThat(text).contains("materialize").contains("alert critical stage:materialize")
        .contains("note: 3 spans were dropped");
    assertThat(text).contains("Leave audit alone");
  }

  /** score 0-3 s, then load 3-6 s; one sample a second, one 12 ms GC pause during score. */
  static Report withResources() {
    TestSpans t = TestSpans.trace("t", "inference", 0).span("r", "", "run", 0, 6000)
        .span("a", "r", "score", 0, 3000).span("b", "r", "load", 3000, 6000);
    List<ResourceSample> s = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      long at = i * 1000 * MS;
      boolean score = i <= 3;
      s.add(new ResourceSample(at, ResourceNames.SYSTEM_CPU_UTILIZATION, score ? 0.52 : 0.98));
      s.add(new ResourceSample(at, ResourceNames.PROCESS_CPU_UTILIZATION, score ? 0.5 : 0.9));
      s.add(new ResourceSample(at, ResourceNames.GPU_UTILIZATION, score ? 0 : 0.4));
      s.add(new ResourceSample(at, ResourceNames.GPU_MEMORY_USAGE, (score ? 1.0 : 3.0) * (1L << 30)));
    }
    s.add(new ResourceSample(2500 * MS, ResourceNames.GC_DURATION, 0.012));
    return Analyzer.analyze(t.spans(), AnalysisOptions.builder().resourceSamples(s).build());
  }

  @Test
  void whatTheResourcesDidPerStageAndOverTheRun() {
    String text = TextReport.render(withResources());

    assertThat(text).contains("  while each stage ran (mean over its spans):\n"
        + "    run: host CPU 75%, process CPU 70%, GPU 20%, GPU mem 2.00 GiB, GC 0.2%\n"
        + "    score: host CPU 52%, process CPU 50%, GPU 0%, GPU mem 1.00 GiB, GC 0.4%\n"
        + "    load: host CPU 98%, process CPU 90%, GPU 40%, GPU mem 3.00 GiB, GC 0%\n");
    assertThat(text).contains("resources over the run (mean, peak):\n"
        + "  host CPU           75%, 98%\n"
        + "  process CPU        70%, 90%\n"
        + "  GPU                20%, 40%\n"
        + "  GPU memory         2.00 GiB, 3.00 GiB\n"
        + "  GC pauses          1, 12.0 ms in all, longest 12.0 ms\n");
    assertThat(text.indexOf("while each stage ran")).isGreaterThan(text.indexOf("  stage "));
  }

  @Test
  void noResourceLinesWithoutSamples() {
    String text = TextReport.render(Analyzer.analyze(ReportJsonTest.demoLike(), AnalysisOptions.defaults()));
    assertThat(text).doesNotContain("while each stage ran").doesNotContain("resources over");
  }

  @Test
  void compactPercentages() {
    assertThat(ResourceText.percent(0.523)).isEqualTo("52%");
    assertThat(ResourceText.percent(0.004)).isEqualTo("0.4%");
    assertThat(ResourceText.percent(0.0)).isEqualTo("0%");
    assertThat(ResourceText.percent(0.0996)).isEqualTo("10%");
    assertThat(ResourceText.percent(1.0)).isEqualTo("100%");
  }
}
