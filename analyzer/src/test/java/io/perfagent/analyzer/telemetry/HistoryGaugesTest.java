package io.perfagent.analyzer.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analyzer.telemetry.AnalyzerMetrics.Labelled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cap of a history gauge family: the first sample per series, and the rest counted. */
class HistoryGaugesTest {

  @Test
  void pastTheCapSamplesAreCountedNotLostSilently() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < HistoryGauges.MAX_SERIES + 5; i++) {
      rows.add("s" + i);
      rows.add("s" + i); // an older finding of the same series: not a sample, not left out
    }
    List<Labelled> leftOut = new ArrayList<>();
    List<Labelled> out = HistoryGauges.capped("regression_change", rows, r -> r,
        r -> new Labelled(1, List.of(r)), leftOut);
    assertThat(out).hasSize(HistoryGauges.MAX_SERIES);
    assertThat(out.get(0).labels()).containsExactly("s0");
    assertThat(leftOut).containsExactly(new Labelled(5, List.of("regression_change")));

    leftOut.clear();
    assertThat(HistoryGauges.capped("alert", List.of("a", "a"), r -> null,
        r -> new Labelled(1, List.of(r)), leftOut)).hasSize(2); // no series key: every row
    assertThat(leftOut).containsExactly(new Labelled(0, List.of("alert")));
  }
}
