package io.perfagent.analyzer.analyse;

/**
 * Told of every run version once it is stored: the seam for alerts, regression checks against
 * the pipeline's history, and a dashboard's live updates. Called on the analysis thread; a
 * listener that throws is logged and the others still run.
 */
@FunctionalInterface
public interface RunListener {
  void runStored(AnalysedRun run);
}
