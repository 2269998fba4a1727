package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WallHistogramTest {

  private static List<Long> buckets(WallHistogram h) {
    List<Long> out = new ArrayList<>();
    h.forEachBucket((value, count) -> {
      for (long i = 0; i < count; i++) {
        out.add(value);
      }
    });
    return out;
  }

  @Test
  void aCompactHistogramKeepsItsFirstValuesExact() {
    WallHistogram h = WallHistogram.compact();
    for (long v : new long[] {300, 100, 200, 400}) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(4);
    assertThat(h.percentile(50)).isEqualTo(200);
    assertThat(h.percentile(100)).isEqualTo(400);
    assertThat(h.percentile(0)).isEqualTo(100);
    assertThat(h.stdDeviation()).isCloseTo(111.8, within(0.1));
    assertThat(buckets(h)).containsExactly(100L, 200L, 300L, 400L); // ascending, as past them
  }

  @Test
  void pastItsRawValuesItBecomesAHistogramWithEveryValueIn() {
    WallHistogram h = WallHistogram.compact();
    for (int i = 1; i <= WallHistogram.RAW + 4; i++) {
      h.record(i * 1000L);
    }
    assertThat(h.count()).isEqualTo(WallHistogram.RAW + 4);
    // one significant digit: ±5 % of the value
    assertThat(h.percentile(100)).isCloseTo((WallHistogram.RAW + 4) * 1000L, within(1000L));
    assertThat(buckets(h)).hasSize(WallHistogram.RAW + 4);
  }

  @Test
  void addingCarriesRawAndHistogramValuesAlike() {
    WallHistogram stage = new WallHistogram();
    WallHistogram few = WallHistogram.compact();
    few.record(5_000);
    few.record(7_000);
    WallHistogram many = WallHistogram.compact();
    for (int i = 0; i < 40; i++) {
      many.record(1_000_000);
    }
    stage.add(few);
    stage.add(many);
    assertThat(stage.count()).isEqualTo(42);
    assertThat(stage.percentile(1)).isCloseTo(5_000L, within(50L));

    WallHistogram compact = WallHistogram.compact();
    compact.add(few);
    compact.add(many);
    assertThat(compact.count()).isEqualTo(42);
  }

  @Test
  void aResetHistogramIsEmptyAndRecordsAgain() {
    WallHistogram h = WallHistogram.compact();
    for (int i = 0; i < 40; i++) {
      h.record(10);
    }
    h.reset();
    assertThat(h.count()).isZero();
    assertThat(h.percentile(99)).isZero();
    h.record(77);
    assertThat(h.count()).isEqualTo(1);
    assertThat(h.percentile(50)).isCloseTo(77L, within(4L));
  }
}
