package io.perfagent.analyzer.regress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The p-value as a finding's text shows it. */
class RegressionTextTest {

  @Test
  void pValuesReadAsPeopleWriteThem() {
    assertThat(RegressionFinder.p(0.0031)).isEqualTo("= 0.003");
    assertThat(RegressionFinder.p(1.46e-31)).isEqualTo("= 1.5e-31");
    // a tail that underflowed to 0 is not "p = 0.000" (the demo showed that): it is tiny
    assertThat(RegressionFinder.p(0)).isEqualTo("< 1e-300");
  }
}
