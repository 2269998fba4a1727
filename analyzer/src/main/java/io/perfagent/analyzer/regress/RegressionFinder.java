package io.perfagent.analyzer.regress;

import io.perfagent.analyzer.regress.ChangePoints.Change;
import io.perfagent.analyzer.store.Regression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The findings of a pipeline's series, each matched to the stored finding of the same change
 * when there is one.
 *
 * <p>Matching (so that a change is reported once): a detected change matches a stored finding
 * of the same pipeline, stage, metric and direction whose first changed run lies fewer than
 * {@code minRuns} runs from the detected start in the current series. The start of a change
 * can move by a run or two as more runs arrive and the segments are re-estimated; two real
 * changes in the same direction are at least {@code minRuns} runs apart (each segment has that
 * many), so they never match each other. Runs, not times or ordinals, are compared, because
 * retention renumbers the ordinals and runs come at any pace. A matched finding gets the new
 * evidence (start, means, p, runs) and keeps its id and detection time; an unmatched one is
 * new. A stored finding that is no longer detected (more runs made it insignificant) stays as
 * it was: it was true of the runs it was found in.
 */
final class RegressionFinder {

  /** Tells the ordinal of a run in its pipeline's history (1 = the first kept). */
  @FunctionalInterface
  interface Ordinals {
    long of(String runId, long runStartNanos) throws Exception;
  }

  private final ChangePoints.Options options;

  RegressionFinder(ChangePoints.Options options) {
    this.options = options;
  }

  /**
   * What to store: new findings (id 0) and updates of stored ones (their id), unchanged ones
   * left out.
   */
  List<Regression> find(List<Series> series, List<Regression> stored, Ordinals ordinals,
      long nowMillis) throws Exception {
    List<Regression> out = new ArrayList<>();
    Set<Long> used = new HashSet<>();
    for (Series s : series) {
      for (Change c : ChangePoints.find(s.values(), options)) {
        double change = c.relative();
        if (Double.isNaN(change) || Math.abs(change) < options.minChange()
            || c.pValue() > options.maxP()
            || Math.abs(c.after() - c.before()) < s.minAbsoluteChange()) {
          continue;
        }
        String direction = (change > 0) == s.metric().higherIsWorse()
            ? Regression.REGRESSION : Regression.IMPROVEMENT;
        Regression match = match(s, c.index(), direction, stored, used);
        String runId = s.runIds().get(c.index());
        long start = s.runStarts()[c.index()];
        if (match != null && match.startRunId().equals(runId)
            && match.runsBefore() == c.runsBefore() && match.runsAfter() == c.runsAfter()
            && match.pValue() == c.pValue()) {
          continue; // nothing new to say
        }
        long number = match != null && match.startRunId().equals(runId)
            ? match.startRunNumber() : ordinals.of(runId, start);
        Regression r = new Regression(0, s.pipeline(), s.stage(), s.metric().id(), direction,
            change, c.before(), c.after(), s.metric().unit(), c.pValue(), c.runsBefore(),
            c.runsAfter(), runId, number, start, nowMillis, nowMillis,
            text(s, change, number, c));
        out.add(match == null ? r : r.updating(match));
      }
    }
    return out;
  }

  private Regression match(Series s, int index, String direction, List<Regression> stored,
      Set<Long> used) {
    Regression best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Regression r : stored) {
      if (used.contains(r.id()) || !r.stage().equals(s.stage())
          || !r.metric().equals(s.metric().id()) || !r.direction().equals(direction)) {
        continue;
      }
      int at = s.runIds().indexOf(r.startRunId());
      if (at < 0) {
        at = s.positionOf(r.startRunStartNanos()); // its run left the series
      }
      int distance = Math.abs(at - index);
      if (distance < options.minRuns() && distance < bestDistance) {
        best = r;
        bestDistance = distance;
      }
    }
    if (best != null) {
      used.add(best.id());
    }
    return best;
  }

  /** {@code score p50 +38 % from run 41 on (p = 0.003; 12 runs before, 5 after)}. */
  static String text(Series s, double change, long runNumber, Change c) {
    String what = s.stage().isEmpty() ? "pipeline " + s.metric().id()
        : s.stage() + " " + s.metric().id();
    long percent = Math.round(change * 100);
    return what + " " + (percent >= 0 ? "+" : "") + percent + " % from run " + runNumber
        + " on (p " + p(c.pValue()) + "; " + c.runsBefore() + " runs before, "
        + c.runsAfter() + " after)";
  }

  /** {@code = 0.003}, {@code = 1.2e-9}; {@code < 1e-300} where the tail underflowed to 0. */
  static String p(double p) {
    if (p == 0) {
      return "< 1e-300";
    }
    if (p >= 0.001) {
      return String.format(Locale.ROOT, "= %.3f", p);
    }
    // 1.2e-9, not 1.2e-09
    return "= " + String.format(Locale.ROOT, "%.1e", p).replaceAll("e-0*", "e-");
  }
}
