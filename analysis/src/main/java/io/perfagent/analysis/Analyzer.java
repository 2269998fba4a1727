package io.perfagent.analysis;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.bottleneck.BottleneckDetector;
import io.perfagent.analysis.contention.StageContention;
import io.perfagent.analysis.contention.StageContentionCalculator;
import io.perfagent.analysis.cost.CostCalculator;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.model.Trace;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.recommend.Recommender;
import io.perfagent.analysis.report.AgentInfo;
import io.perfagent.analysis.report.PipelineReport;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ResourceReport;
import io.perfagent.analysis.resource.SampledSeries;
import io.perfagent.analysis.resource.StageResourcesCalculator;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.slo.SloEvaluator;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.stats.StageStatsCalculator;
import io.perfagent.analysis.whatif.WhatIf;
import io.perfagent.analysis.whatif.WhatIfAnalyzer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The analysis, end to end. Stateless; safe to call from any thread. */
public final class Analyzer {

  private Analyzer() {}

  /**
   * Analyses the spans of any number of runs of any number of pipelines. Spans are grouped
   * into runs by trace id and root span; runs into pipelines by the root's pipeline name.
   */
  public static Report analyze(List<StageSpan> spans, AnalysisOptions options) {
    Map<String, List<AnalyzedRun>> byPipeline = new LinkedHashMap<>();
    for (Trace t : Trace.assemble(spans)) {
      byPipeline.computeIfAbsent(t.pipeline(), k -> new ArrayList<>()).add(AnalyzedRun.of(t));
    }
    List<ResourceSample> samples = options.resourceSamples();
    Map<String, SampledSeries> series = SampledSeries.byName(samples);
    List<PipelineReport> pipelines = new ArrayList<>();
    for (Map.Entry<String, List<AnalyzedRun>> e : byPipeline.entrySet()) {
      pipelines.add(pipeline(e.getKey(), e.getValue(), options, series));
    }
    List<Alert> resourceAlerts =
        SloEvaluator.resources(options.slo(), samples, Long.MIN_VALUE, Long.MAX_VALUE);
    return new Report(pipelines, ResourceReport.of(samples, resourceAlerts),
        new AgentInfo(options.agentVersion(), options.droppedSpans(), options.agentCounters()));
  }

  static PipelineReport pipeline(String name, List<AnalyzedRun> runs, AnalysisOptions o,
      Map<String, SampledSeries> series) {
    long[] walls = new long[runs.size()];
    long total = 0;
    long errors = 0;
    AnalyzedRun slowest = runs.get(0);
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (int i = 0; i < runs.size(); i++) {
      AnalyzedRun r = runs.get(i);
      walls[i] = r.wallNanos();
      total += walls[i];
      errors += r.trace().root().error() ? 1 : 0;
      if (r.wallNanos() > slowest.wallNanos()) {
        slowest = r;
      }
      from = Math.min(from, r.trace().root().startNanos());
      to = Math.max(to, r.trace().root().endNanos());
    }
    long minWall = Long.MAX_VALUE;
    long maxWall = 0;
    for (long w : walls) {
      minWall = Math.min(minWall, w);
      maxWall = Math.max(maxWall, w);
    }
    List<StageStats> stages = StageStatsCalculator.compute(runs);
    Map<String, StageContention> contention =
        StageContentionCalculator.compute(runs, o.contention());
    List<Bottleneck> bottlenecks = new ArrayList<>(BottleneckDetector.detect(runs, stages,
        o.resourceSamples(), o.thresholds(), contention));
    // a stream window's own time is the loop's, outside any stage: no stage to speed up
    bottlenecks.removeIf(b -> StageSpan.WINDOW_STAGE.equals(b.stage()));

    double headline = o.speedups().get(0);
    Map<String, WhatIf> cache = new HashMap<>();
    List<WhatIf> whatIfs = new ArrayList<>();
    for (int i = 0; i < bottlenecks.size() && i < o.whatIfStages(); i++) {
      for (double f : o.speedups()) {
        WhatIf w = WhatIfAnalyzer.predict(runs, bottlenecks.get(i).stage(), f);
        whatIfs.add(w);
        if (f == headline) {
          cache.put(w.stage(), w);
        }
      }
    }
    // a stage on the critical path through the stages it calls: what speeding it up as a
    // whole would buy, beside what its own time alone would
    String root = slowest.trace().root().stage();
    Map<String, WhatIf> subtreeCache = new HashMap<>();
    for (StageStats s : throughChildren(stages, root, o.thresholds().minShare())) {
      if (subtreeCache.size() >= o.whatIfStages()) {
        break;
      }
      WhatIf w = WhatIfAnalyzer.predict(runs, s.name(), headline, true);
      subtreeCache.put(s.name(), w);
      whatIfs.add(w);
    }
    List<Recommendation> recs = Recommender.recommend(stages, bottlenecks,
        stage -> cache.computeIfAbsent(stage, s -> WhatIfAnalyzer.predict(runs, s, headline)),
        stage -> subtreeCache.computeIfAbsent(stage,
            s -> WhatIfAnalyzer.predict(runs, s, headline, true)),
        o.availableCores(), total, root);

    List<Alert> alerts = new ArrayList<>(
        SloEvaluator.pipeline(o.slo(), name, walls, errors, stages));
    alerts.addAll(SloEvaluator.resources(o.slo(), o.resourceSamples(), from, to));

    return new PipelineReport(name, runs.size(), WhatIfAnalyzer.median(walls), minWall, maxWall,
        total, slowest.trace().root().stage(), stages, slowest.trace().traceId(),
        slowest.trace().root().startNanos(), slowest.wallNanos(),
        slowest.criticalPath().segments(), slowest.criticalPath().leftOut(), bottlenecks,
        whatIfs, alerts, recs,
        CostCalculator.of(stages, runs.size(), o.pricePerCoreHour(), o.currency()),
        slowest.trace().spans(),
        StageResourcesCalculator.compute(runs, series, o.resourceSamples()), contention);
  }

  /**
   * Stages other than the root that hold the critical path through the stages they call: the
   * part of their inclusive share that is their children's reaches {@code minShare}. By
   * inclusive share, largest first.
   */
  static List<StageStats> throughChildren(List<StageStats> stages, String root,
      double minShare) {
    List<StageStats> out = new ArrayList<>();
    for (StageStats s : stages) {
      if (!s.name().equals(root)
          && s.inclusivePathShare() - s.criticalPathShare() >= minShare) {
        out.add(s);
      }
    }
    out.sort((a, b) -> Double.compare(b.inclusivePathShare(), a.inclusivePathShare()));
    return out;
  }
}
