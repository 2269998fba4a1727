package io.perfagent.analyzer.regress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Change points in the mean of a series, as Apache Otava (Hunter) finds them: E-divisive means
 * (Matteson &amp; James 2014, α = 1) places the candidate that best splits a segment and the
 * search recurses into both sides; a merge pass then tests each change point by a Welch t-test
 * against its neighbouring segments only and drops the weakest one (largest p above {@code maxP}, else smallest change below
 * {@code minChange}) until all that remain hold. Each segment has at least {@code minRuns}
 * values, so a single value can never be a segment of its own.
 *
 * <p>One deviation from Hunter: a noisy run inside a segment would inflate that segment's
 * variance (masking a real change beside it) and bias its mean, so the t-test and the means
 * leave out values further than {@link #OUTLIER_MADS} scaled median absolute deviations, and
 * further than {@code minChange} of the median, from their segment's median, when fewer than
 * {@code minRuns} of them are that far (more would be a shape of the data, not noise). A value
 * that far from its side but close to the other side is kept: it says the split is misplaced
 * (four changed runs and one unchanged one must not pass for a change five runs long).
 * Cost: O(n²) per segment searched; the window is bounded.
 */
public final class ChangePoints {

  /** A value this many scaled MADs from its segment's median is noise for the t-test. */
  static final double OUTLIER_MADS = 5;

  /**
   * What counts as a change.
   *
   * @param minRuns values on each side of a change, at least 2
   * @param minChange smallest relative change of the mean, e.g. 0.1
   * @param maxP largest p-value of the t-test
   */
  public record Options(int minRuns, double minChange, double maxP) {
    public Options {
      if (minRuns < 2) {
        throw new IllegalArgumentException("minRuns must be 2 or more: " + minRuns);
      }
    }
  }

  /**
   * A change of the mean at {@code index}: values {@code [index, ...)} differ from those
   * before.
   *
   * @param before mean of the segment before (outliers left out)
   * @param after mean of the segment from {@code index} on
   * @param runsBefore values in the segment before (all of them)
   * @param runsAfter values in the segment from {@code index} on, to the next change
   */
  public record Change(int index, double before, double after, double pValue, int runsBefore,
      int runsAfter) {
    /** after / before - 1; NaN when the mean before is 0 (no relative change to speak of). */
    public double relative() {
      return before == 0 ? Double.NaN : after / before - 1;
    }
  }

  private final double[] x;
  private final Options options;

  private ChangePoints(double[] x, Options options) {
    this.x = x;
    this.options = options;
  }

  /** The changes in {@code values} (oldest first), by index. */
  public static List<Change> find(double[] values, Options options) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a series value is not finite: " + v);
      }
    }
    return new ChangePoints(values, options).find();
  }

  private List<Change> find() {
    TreeSet<Integer> cuts = new TreeSet<>();
    split(0, x.length, cuts);
    merge(cuts);
    List<Change> out = new ArrayList<>();
    for (int c : cuts) {
      out.add(test(lower(cuts, c), c, higher(cuts, c)));
    }
    return out;
  }

  /**
   * Places candidates by E-divisive down to segments of {@code minRuns}, testing none of them:
   * a split of a segment that holds a short change with the old level on both sides (fast,
   * slow, fast) mixes two levels on one side, and its t-test can fail although both edges of
   * the slow part are plain (a slowdown of 6 runs between 8 and 5 fast ones was not found at
   * all). The merge pass tests each candidate against its neighbouring segments only.
   */
  private void split(int lo, int hi, TreeSet<Integer> cuts) {
    if (hi - lo < 2 * options.minRuns()) {
      return;
    }
    int tau = bestSplit(lo, hi);
    cuts.add(tau);
    split(lo, tau, cuts);
    split(tau, hi, cuts);
  }

  /** Drops the weakest change point until every one holds against its neighbours. */
  private void merge(TreeSet<Integer> cuts) {
    while (!cuts.isEmpty()) {
      Integer worstP = null;
      double worstPValue = options.maxP();
      Integer smallest = null;
      double smallestChange = options.minChange();
      for (int cut : cuts) {
        Change c = test(lower(cuts, cut), cut, higher(cuts, cut));
        double p = c == null ? 1 : c.pValue();
        double change = c == null ? 0 : Math.abs(c.relative());
        if (p > worstPValue) {
          worstPValue = p;
          worstP = cut;
        } else if (!(change >= smallestChange)) { // NaN (a zero mean before) is no change
          smallestChange = Double.isNaN(change) ? -1 : change;
          smallest = cut;
        }
      }
      Integer drop = worstP != null ? worstP : smallest;
      if (drop == null) {
        return;
      }
      cuts.remove(drop);
    }
  }

  private int lower(TreeSet<Integer> cuts, int cut) {
    Integer l = cuts.lower(cut);
    return l == null ? 0 : l;
  }

  private int higher(TreeSet<Integer> cuts, int cut) {
    Integer h = cuts.higher(cut);
    return h == null ? x.length : h;
  }

  /**
   * The split of {@code [lo, hi)} with the largest E-divisive statistic, each side at least
   * {@code minRuns} long. Within-side distance sums are updated as the split moves, so the
   * search is O(n²).
   */
  int bestSplit(int lo, int hi) {
    int min = options.minRuns();
    int first = lo + min;
    int last = hi - min;
    double total = within(lo, hi);
    double left = within(lo, first);
    double right = within(first, hi);
    int best = first;
    double bestQ = Double.NEGATIVE_INFINITY;
    for (int tau = first; tau <= last; tau++) {
      if (tau > first) {
        // value tau-1 moves from the right side to the left
        int moved = tau - 1;
        for (int i = lo; i < moved; i++) {
          left += Math.abs(x[i] - x[moved]);
        }
        for (int j = moved + 1; j < hi; j++) {
          right -= Math.abs(x[moved] - x[j]);
        }
      }
      double m = tau - lo;
      double n = hi - tau;
      double cross = total - left - right;
      double q = m * n / (m + n)
          * (2 * cross / (m * n) - left / (m * (m - 1) / 2) - right / (n * (n - 1) / 2));
      if (q > bestQ) {
        bestQ = q;
        best = tau;
      }
    }
    return best;
  }

  /** The sum of |x_i - x_j| over pairs i &lt; j in {@code [lo, hi)}. */
  private double within(int lo, int hi) {
    double s = 0;
    for (int i = lo; i < hi; i++) {
      for (int j = i + 1; j < hi; j++) {
        s += Math.abs(x[i] - x[j]);
      }
    }
    return s;
  }

  /** The t-test of {@code [lo, cut)} against {@code [cut, hi)}; null when a side is too short. */
  private Change test(int lo, int cut, int hi) {
    if (cut - lo < 2 || hi - cut < 2) {
      return null;
    }
    Side left = new Side(Arrays.copyOfRange(x, lo, cut));
    Side right = new Side(Arrays.copyOfRange(x, cut, hi));
    double[] a = left.kept(right);
    double[] b = right.kept(left);
    double ma = mean(a);
    double mb = mean(b);
    double p = WelchTest.pValue(ma, variance(a, ma), a.length, mb, variance(b, mb), b.length);
    return new Change(cut, ma, mb, p, cut - lo, hi - cut);
  }

  /** One side of a candidate change: its values, their median and how far is noise. */
  private final class Side {
    final double[] values;
    final double median;
    final double fence;

    Side(double[] values) {
      this.values = values;
      this.median = median(values.clone());
      double[] dev = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        dev[i] = Math.abs(values[i] - median);
      }
      // far in both senses: many times the side's own spread, and by more than a change
      // worth reporting (a timer's jitter of 0.3 ms on 20 ms is not noise to leave out)
      this.fence = Math.max(OUTLIER_MADS * 1.4826 * median(dev),
          options.minChange() * Math.abs(median));
    }

    boolean far(double v) {
      return fence > 0 && Math.abs(v - median) > fence;
    }

    /**
     * The values without the noise: those far from this side and from the other one too (a
     * value close to the other side is not noise but a sign the split is misplaced), unless
     * {@code minRuns} or more are (then they are a shape of the data) or fewer than 2 would
     * be left.
     */
    double[] kept(Side other) {
      int far = 0;
      for (double v : values) {
        if (far(v) && other.far(v)) {
          far++;
        }
      }
      if (far == 0 || far >= options.minRuns() || values.length - far < 2) {
        return values;
      }
      double[] out = new double[values.length - far];
      int k = 0;
      for (double v : values) {
        if (!(far(v) && other.far(v))) {
          out[k++] = v;
        }
      }
      return out;
    }
  }

  private static double median(double[] v) {
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double variance(double[] v, double mean) {
    double s = 0;
    for (double d : v) {
      s += (d - mean) * (d - mean);
    }
    return s / (v.length - 1);
  }
}
