package io.perfagent.analyzer.alert;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analysis.slo.SloEvaluator;
import io.perfagent.analysis.slo.SloMetric;
import io.perfagent.analysis.slo.SloRule;
import io.perfagent.analysis.stats.StageStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions one evaluation covers, each with its breach or none, computed by the
 * analysis library's {@link SloEvaluator} (the agent's own evaluation). A condition is covered
 * when a rule applies and there was something to measure: a stage that ran, a pipeline with
 * runs, a resource with samples; what is not covered is left as it is.
 */
final class AlertEvaluator {

  private static final List<SloMetric> RESOURCES =
      List.of(SloMetric.CPU, SloMetric.MEMORY, SloMetric.GPU);

  private AlertEvaluator() {}

  /**
   * The checks of one run.
   *
   * @param walls the wall times of the pipeline's last runs, this one among them
   * @param failedRuns how many of those runs failed
   */
  static List<AlertCheck> run(SloConfig config, RunFacts run, long[] walls, long failedRuns) {
    Map<String, Alert> breaches = new HashMap<>();
    for (Alert a : SloEvaluator.pipeline(config, run.pipeline(), walls, failedRuns,
        run.stages())) {
      breaches.put(a.subject() + '\u0000' + metricOf(a), a);
    }
    for (Alert a : run.resourceBreaches()) {
      breaches.put(a.subject() + '\u0000' + metricOf(a), a);
    }
    List<AlertCheck> out = new ArrayList<>();
    for (StageStats s : run.stages()) {
      if (s.calls() == 0) {
        continue;
      }
      for (SloMetric m : config.metricsIn(SloRule.STAGE)) {
        if (config.ruleFor(SloRule.STAGE, s.name(), m) != null) {
          add(out, run.pipeline(), "stage:" + s.name(), m, breaches, run.runId());
        }
      }
    }
    if (walls.length > 0) {
      for (SloMetric m : config.metricsIn(SloRule.PIPELINE)) {
        if (config.ruleFor(SloRule.PIPELINE, run.pipeline(), m) != null) {
          add(out, run.pipeline(), "pipeline:" + run.pipeline(), m, breaches, run.runId());
        }
      }
    }
    for (SloMetric m : RESOURCES) {
      if (config.ruleFor(SloRule.RESOURCE, m.id(), m) != null
          && run.measuredResources().contains(m.id())) {
        add(out, run.pipeline(), "resource:" + m.id(), m, breaches, run.runId());
      }
    }
    return out;
  }

  /**
   * The checks of the resource series received from {@code fromNanos} to {@code toNanos}, all
   * instances pooled (CPU and GPU: the mean; memory: the peak of any). {@code samples} reach
   * back to a staleness horizon before {@code fromNanos}: a resource with samples only there is
   * not covered (an exporter that sends once a minute leaves gaps of a minute; resolving and
   * reopening its alert at each gap would make a new alert a minute), and one with no sample
   * since that horizon is covered and not breached: nothing reports it any more.
   */
  static List<AlertCheck> series(SloConfig config, List<ResourceSample> samples,
      long fromNanos, long toNanos) {
    Map<String, Alert> breaches = new HashMap<>();
    for (Alert a : SloEvaluator.resources(config, samples, fromNanos, toNanos)) {
      breaches.put(a.subject() + '\u0000' + metricOf(a), a);
    }
    List<AlertCheck> out = new ArrayList<>();
    for (SloMetric m : RESOURCES) {
      if (config.ruleFor(SloRule.RESOURCE, m.id(), m) != null
          && !onlyBefore(samples, namesOf(m), fromNanos)) {
        add(out, "", "resource:" + m.id(), m, breaches, "");
      }
    }
    return out;
  }

  private static List<String> namesOf(SloMetric m) {
    return m == SloMetric.CPU ? ResourceNames.CPU
        : m == SloMetric.MEMORY ? ResourceNames.MEMORY : ResourceNames.GPU;
  }

  /** True when the resource has samples, all of them before {@code fromNanos}. */
  private static boolean onlyBefore(List<ResourceSample> samples, List<String> names,
      long fromNanos) {
    boolean before = false;
    for (ResourceSample s : samples) {
      if (names.contains(s.name())) {
        if (s.timeNanos() >= fromNanos) {
          return false;
        }
        before = true;
      }
    }
    return before;
  }

  private static void add(List<AlertCheck> out, String pipeline, String subject, SloMetric m,
      Map<String, Alert> breaches, String runId) {
    out.add(new AlertCheck(pipeline, subject, m.id(), breaches.get(subject + '\u0000' + m.id()),
        runId));
  }

  /** The metric of a breach, from its rule as written ({@code p95<25ms/60ms} → p95). */
  static String metricOf(Alert a) {
    int lt = a.rule().indexOf('<');
    return lt < 0 ? a.rule() : a.rule().substring(0, lt);
  }
}
