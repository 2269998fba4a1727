package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.bootstrap.StageRegistry;
import org.junit.jupiter.api.Test;

/** The agent names a stream window's stage as the analysis recognises it (two modules). */
class WindowStageNameTest {

  @Test
  void theAgentAndTheAnalysisAgreeOnTheWindowStage() {
    assertThat(StageRegistry.WINDOW_STAGE).isEqualTo(StageSpan.WINDOW_STAGE);
  }
}
