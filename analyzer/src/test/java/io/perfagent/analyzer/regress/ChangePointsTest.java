package io.perfagent.analyzer.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analyzer.regress.ChangePoints.Change;
import io.perfagent.analyzer.regress.ChangePoints.Options;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Change points on series of known shape: where, how big, how sure, and what never trips. */
class ChangePointsTest {

  private static final Options DEFAULTS = new Options(5, 0.10, 0.01);

  /** {@code n} values around {@code mean} with a relative noise of {@code noise}. */
  private static double[] noisy(Random r, int n, double mean, double noise) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean * (1 + noise * r.nextGaussian());
    }
    return v;
  }

  private static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  @Test
  void aStepIsFoundWhereItStartsWithItsSizeAndP() {
    Random r = new Random(1);
    double[] x = concat(noisy(r, 40, 20e6, 0.02), noisy(r, 8, 27.6e6, 0.02));
    List<Change> found = ChangePoints.find(x, DEFAULTS);
    assertThat(found).hasSize(1);
    Change c = found.get(0);
    assertThat(c.index()).isEqualTo(40);
    assertThat(c.relative()).isCloseTo(0.38, within(0.02));
    assertThat(c.pValue()).isLessThan(1e-6);
    assertThat(c.runsBefore()).isEqualTo(40);
    assertThat(c.runsAfter()).isEqualTo(8);
  }

  @Test
  void aShortSlowdownBetweenFastRunsHasBothEdges() {
    // fast with one noisy run, slow for 6 runs, fast again (DashboardHistoryIT's history):
    // the first split mixed both levels on one side, whose t-test failed, so neither edge was
    // reported once 5 or more fast runs followed
    for (int fastAfter = 5; fastAfter <= 10; fastAfter++) {
      Random r = new Random(fastAfter);
      double[] x = concat(noisy(r, 8, 20e6, 0.0025), noisy(r, 6, 40e6, 0.0025),
          noisy(r, fastAfter, 20e6, 0.0025));
      x[3] = 80e6;
      assertThat(ChangePoints.find(x, new Options(4, 0.10, 0.01)))
          .as("%d fast runs after", fastAfter)
          .extracting(Change::index).containsExactly(8, 14);
    }
  }

  @Test
  void thePValueIsWelchsOnTheTwoSegments() {
    // 1..5 against 3..7: Welch t = -2, df = 8, two-sided p = 0.0805 (R: t.test)
    double[] x = {1, 2, 3, 4, 5, 3, 4, 5, 6, 7};
    assertThat(WelchTest.pValue(3, 2.5, 5, 5, 2.5, 5)).isCloseTo(0.0805, within(0.0005));
    assertThat(ChangePoints.find(x, new Options(5, 0.1, 0.1))).singleElement()
        .satisfies(c -> assertThat(c.pValue()).isCloseTo(0.0805, within(0.0005)));
    assertThat(ChangePoints.find(x, DEFAULTS)).isEmpty();
  }

  @Test
  void oneNoisyRunAmongSteadyOnesIsNoChange() {
    Random r = new Random(2);
    for (int outlier = 0; outlier < 30; outlier++) {
      double[] x = noisy(r, 30, 20e6, 0.02);
      x[outlier] = 80e6;
      assertThat(ChangePoints.find(x, DEFAULTS)).as("outlier at %d", outlier).isEmpty();
    }
  }

  @Test
  void aNoisyRunBeforeARealChangeNeitherMasksNorMovesIt() {
    Random r = new Random(3);
    double[] x = concat(noisy(r, 16, 20e6, 0.02), noisy(r, 6, 30e6, 0.02));
    x[5] = 80e6;
    List<Change> found = ChangePoints.find(x, DEFAULTS);
    assertThat(found).singleElement().satisfies(c -> {
      assertThat(c.index()).isEqualTo(16);
      assertThat(c.relative()).isCloseTo(0.5, within(0.03));
    });
  }

  @Test
  void aChangeBelowTheMinimumIsNone() {
    Random r = new Random(4);
    double[] x = concat(noisy(r, 30, 20e6, 0.005), noisy(r, 10, 21.4e6, 0.005));
    assertThat(ChangePoints.find(x, new Options(5, 0.05, 0.01))).hasSize(1); // real: +7 %
    assertThat(ChangePoints.find(x, DEFAULTS)).isEmpty();
  }

  @Test
  void aChangeNeedsMinRunsOnEachSide() {
    Random r = new Random(5);
    double[] x = concat(noisy(r, 30, 20e6, 0.01), noisy(r, 4, 30e6, 0.01));
    assertThat(ChangePoints.find(x, DEFAULTS)).isEmpty();
    assertThat(ChangePoints.find(x, new Options(4, 0.1, 0.01))).singleElement()
        .satisfies(c -> assertThat(c.index()).isEqualTo(30));
    double[] more = concat(x, noisy(r, 1, 30e6, 0.01));
    assertThat(ChangePoints.find(more, DEFAULTS)).singleElement()
        .satisfies(c -> assertThat(c.runsAfter()).isEqualTo(5));
  }

  @Test
  void aDropIsFoundAsANegativeChange() {
    Random r = new Random(6);
    double[] x = concat(noisy(r, 20, 1000, 0.03), noisy(r, 10, 600, 0.03));
    assertThat(ChangePoints.find(x, DEFAULTS)).singleElement().satisfies(c -> {
      assertThat(c.index()).isEqualTo(20);
      assertThat(c.relative()).isCloseTo(-0.4, within(0.03));
    });
  }

  @Test
  void twoStepsAreTwoChanges() {
    Random r = new Random(7);
    double[] x = concat(noisy(r, 15, 10, 0.02), noisy(r, 15, 15, 0.02), noisy(r, 15, 10, 0.02));
    assertThat(ChangePoints.find(x, DEFAULTS)).extracting(Change::index).containsExactly(15, 30);
  }

  @Test
  void timerJitterOnATightSeriesIsNotNoiseToLeaveOut() {
    // sleeps: 20 ms, 35 ms, 20 ms again, each within ~0.05 ms, and a 0.5 ms hiccup in the
    // last five: that hiccup is many MADs away but far below a change worth reporting, so it
    // stays in, and the recovery, exactly minRuns long, is found
    Random r = new Random(8);
    double[] x = concat(noisy(r, 14, 20e6, 0.002), noisy(r, 11, 35e6, 0.002),
        noisy(r, 5, 20e6, 0.002));
    x[27] = 20.5e6;
    assertThat(ChangePoints.find(x, DEFAULTS)).extracting(Change::index)
        .containsExactly(14, 25);
  }

  @Test
  void oneJitteryRunInAChangeExactlyMinRunsLongDoesNotHideIt() {
    // the IT's history once: 20 ms, 40 ms from run 15, 20 ms again from run 26, the last run
    // 13 % slow: noise within its side, but no sign of a misplaced split
    double[] x = {20.21, 20.9, 20.26, 20.16, 20.13, 80.15, 20.16, 20.16, 20.14, 20.18, 20.24,
        20.12, 20.11, 20.19, 40.17, 40.14, 40.15, 40.13, 40.24, 40.18, 40.18, 40.17, 40.18,
        40.11, 41.9, 20.14, 20.13, 20.15, 20.25, 22.85};
    assertThat(ChangePoints.find(x, DEFAULTS)).extracting(Change::index)
        .containsExactly(14, 25);
  }

  @Test
  void constantDataHasNoChange() {
    double[] x = new double[30];
    java.util.Arrays.fill(x, 5);
    assertThat(ChangePoints.find(x, DEFAULTS)).isEmpty();
    x[10] = 50; // one outlier on constant data: no spread to trim by, still no change
    assertThat(ChangePoints.find(x, DEFAULTS)).isEmpty();
  }
}
