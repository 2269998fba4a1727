package io.perfagent.sampler.rate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuShareTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shareOfAllProcessorsFromTheSecondReading() {
    CpuShare s = new CpuShare(4);
    assertThat(s.next(10 * SECOND, 100 * SECOND)).isNaN();
    assertThat(s.next(12 * SECOND, 101 * SECOND)).isEqualTo(0.5); // 2 CPU s of 4 in 1 s
  }

  @Test
  void atLeastOneProcessor() {
    CpuShare s = new CpuShare(0);
    s.next(0, 0);
    assertThat(s.next(SECOND / 4, SECOND)).isEqualTo(0.25);
  }

  @Test
  void unknownBackwardsOrNoTimeGiveNaNAndTheReadingIsTheNextBaseline() {
    CpuShare s = new CpuShare(1);
    s.next(5 * SECOND, 10 * SECOND);
    assertThat(s.next(-1, 11 * SECOND)).isNaN(); // unknown
    assertThat(s.next(6 * SECOND, 12 * SECOND)).isNaN(); // after an unknown: no baseline
    assertThat(s.next(5 * SECOND, 13 * SECOND)).isNaN(); // went back
    assertThat(s.next(6 * SECOND, 13 * SECOND)).isNaN(); // no wall time
    assertThat(s.next(7 * SECOND, 15 * SECOND)).isEqualTo(0.5);
  }

  @Test
  void cpusGivenPerReadingAndNoneGivesNaNButStillABaseline() {
    CpuShare s = new CpuShare(1);
    assertThat(s.next(0, 0, 2.0)).isNaN();
    assertThat(s.next(SECOND, SECOND, 0)).isNaN(); // no limit: no share, but the baseline moves
    assertThat(s.next(3 * SECOND, 2 * SECOND, 4.0)).isEqualTo(0.5); // 2 CPU s of 4 in 1 s
  }
}
