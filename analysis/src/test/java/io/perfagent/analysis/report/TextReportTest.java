package io.perfagent.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

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
}
