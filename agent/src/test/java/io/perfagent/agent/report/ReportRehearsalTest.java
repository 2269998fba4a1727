package io.perfagent.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.resource.ResourceTimeline;
import org.junit.jupiter.api.Test;

class ReportRehearsalTest {

  // a rehearsal swallows its failures (it is only an optimisation), so check that it gets
  // through the whole analysis and rendering, not merely that it returns
  @Test
  void theMadeUpRunIsAnalysedAndRenderedEndToEnd() {
    String text = new ReportRehearsal(null, 2).run();

    assertThat(text).contains("rehearsal").contains("fan-out").contains("work")
        .contains("read").contains("write");
  }

  @Test
  void anEmptyTimelineIsFine() {
    assertThat(new ReportRehearsal(new ResourceTimeline(100_000_000L), 2).run()).isNotNull();
  }
}
