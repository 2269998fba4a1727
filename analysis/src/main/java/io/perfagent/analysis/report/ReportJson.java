package io.perfagent.analysis.report;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.contention.StageContention;
import io.perfagent.analysis.cost.Cost;
import io.perfagent.analysis.cost.StageCost;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.LeftOutSpan;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.resource.StageResources;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.stats.HistogramBin;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Report} as {@code perf-report/1} JSON. The field names of the schema are
 * fixed; fields beyond it may be added, never renamed.
 */
public final class ReportJson {

  private ReportJson() {}

  public static String write(Report report) {
    JsonWriter w = new JsonWriter(true);
    w.beginObject();
    w.name("schema").value(Report.SCHEMA);
    w.name("pipelines").beginArray();
    for (PipelineReport p : report.pipelines()) {
      pipeline(w, p);
    }
    w.endArray();
    resources(w, report.resources());
    agent(w, report.agent());
    w.endObject();
    return w.toString();
  }

  private static void pipeline(JsonWriter w, PipelineReport p) {
    w.beginObject();
    w.name("name").value(p.name());
    w.name("runs").value(p.runs());
    w.name("stream").value(p.stream());
    w.name("wall_ns").value(p.wallNanos());
    w.name("wall_min_ns").value(p.wallMinNanos());
    w.name("wall_max_ns").value(p.wallMaxNanos());
    w.name("wall_total_ns").value(p.wallTotalNanos());
    w.name("root_stage").value(p.rootStage());
    w.name("stages").beginArray();
    for (StageStats s : p.stages()) {
      stage(w, s, p.stageResources().get(s.name()), p.stageContention().get(s.name()));
    }
    w.endArray();
    w.name("slowest_run").beginObject()
        .name("trace_id").value(p.slowestTraceId())
        .name("start_epoch_ns").value(p.slowestRunStartNanos())
        .name("wall_ns").value(p.slowestRunWallNanos());
    writeWaterfall(w, p);
    w.endObject();
    w.name("critical_path").beginArray();
    for (CriticalPathSegment c : p.criticalPath()) {
      w.beginObject()
          .name("stage").value(c.stage())
          .name("start_ns").value(c.startNanos() - p.slowestRunStartNanos())
          .name("duration_ns").value(c.durationNanos())
          .name("span_id").value(c.spanId())
          .endObject();
    }
    w.endArray();
    w.name("critical_path_left_out").beginArray();
    for (LeftOutSpan l : p.leftOut()) {
      w.beginObject()
          .name("span_id").value(l.spanId())
          .name("stage").value(l.stage())
          .name("reason").value(l.reason().name().toLowerCase(Locale.ROOT))
          .endObject();
    }
    w.endArray();
    w.name("bottlenecks").beginArray();
    for (Bottleneck b : p.bottlenecks()) {
      w.beginObject()
          .name("stage").value(b.stage())
          .name("kind").value(b.kind().id())
          .name("critical_path_share").value(b.criticalPathShare())
          .name("evidence").value(b.evidence());
      numbers(w, b.numbers());
      w.endObject();
    }
    w.endArray();
    w.name("what_if").beginArray();
    for (WhatIf x : p.whatIfs()) {
      w.beginObject()
          .name("stage").value(x.stage())
          .name("speedup").value(x.speedup())
          .name("predicted_wall_ns").value(x.predictedWallNanos())
          .name("predicted_gain_ns").value(x.predictedGainNanos())
          .name("predicted_gain_share").value(x.gainShare())
          .name("scope").value(x.subtree() ? "subtree" : "self");
      if (x.subtree()) {
        w.name("including").beginArray();
        for (String c : x.including()) {
          w.value(c);
        }
        w.endArray();
      }
      w.endObject();
    }
    w.endArray();
    alerts(w, p.alerts());
    w.name("recommendations").beginArray();
    for (Recommendation r : p.recommendations()) {
      w.beginObject()
          .name("stage").value(r.stage())
          .name("text").value(r.text())
          .name("evidence").value(r.evidence());
      numbers(w, r.numbers());
      w.endObject();
    }
    w.endArray();
    cost(w, p.cost());
    w.endObject();
  }

  private static void stage(JsonWriter w, StageStats s, StageResources r,
      StageContention c) {
    w.beginObject()
        .name("name").value(s.name())
        .name("calls").value(s.calls())
        .name("errors").value(s.errors())
        .name("wall_ns").value(s.wallNanos())
        .name("self_ns").value(s.selfNanos())
        .name("cpu_ns").value(s.cpuNanos())
        .name("alloc_bytes").value(s.allocBytes())
        .name("records").value(s.records())
        .name("bytes").value(s.bytes())
        .name("p50_ns").value(s.p50Nanos())
        .name("p95_ns").value(s.p95Nanos())
        .name("p99_ns").value(s.p99Nanos())
        .name("max_ns").value(s.maxNanos())
        .name("critical_path_ns").value(s.criticalPathNanos())
        .name("critical_path_share").value(s.criticalPathShare())
        .name("self_cpu_ns").value(s.selfCpuNanos())
        .name("self_alloc_bytes").value(s.selfAllocBytes())
        .name("cpu_exact").value(s.cpuExact())
        .name("critical_path_cpu_ratio").value(s.criticalPathCpuRatio())
        .name("alloc_bytes_per_sec").value(s.allocRateBytesPerSec())
        .name("blocked_ns").value(s.blockedNanos())
        .name("wait_ns").value(c == null ? (s.blockedNanos() < 0 ? -1 : 0) : c.waitNanos())
        .name("throughput_per_sec").value(s.throughputPerSec())
        .name("threads").value(s.threads())
        .name("folded").value(s.folded())
        .name("timed_calls").value(s.timedCalls())
        .name("inclusive_critical_path_ns").value(s.inclusivePathNanos())
        .name("inclusive_critical_path_share").value(s.inclusivePathShare())
        .name("cpu_ratio_from_parent").value(s.cpuRatioFromParent());
    w.name("histogram").beginArray();
    for (HistogramBin b : s.histogram()) {
      w.beginObject().name("le_ns").value(b.leNanos()).name("count").value(b.count()).endObject();
    }
    w.endArray();
    if (r != null) {
      stageResources(w, r);
    }
    if (c != null) {
      contention(w, c);
    }
    w.endObject();
  }

  /** What a stage was blocked and waited on; present only for stages that were. */
  private static void contention(JsonWriter w, StageContention c) {
    w.name("contention").beginObject()
        .name("blocked_ns").value(c.blockedNanos())
        .name("wait_ns").value(c.waitNanos())
        .name("threads_blocked").value(c.threadsBlocked())
        .name("threads_waited").value(c.threadsWaited());
    nanosBy(w, "blocked_on", c.blockedOn());
    nanosBy(w, "held_by_stage", c.heldBy());
    nanosBy(w, "waited_on", c.waitedOn());
    w.name("holder_threads").value(c.holderThreads());
    w.endObject();
  }

  private static void nanosBy(JsonWriter w, String name, Map<String, Long> m) {
    w.name(name).beginObject();
    for (Map.Entry<String, Long> e : m.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
  }

  /** Only the figures that have data: a missing key means "not sampled", never 0. */
  private static void stageResources(JsonWriter w, StageResources r) {
    w.name("resources").beginObject();
    figure(w, "host_cpu_utilization", r.hostCpu());
    figure(w, "process_cpu_utilization", r.processCpu());
    figure(w, "container_cpu_utilization", r.containerCpu());
    figure(w, "gpu_utilization", r.gpu());
    figure(w, "gpu_memory_bytes", r.gpuMemoryBytes());
    figure(w, "npu_utilization", r.npu());
    figure(w, "io_wait_utilization", r.ioWait());
    if (r.gcPauseNanos() >= 0) {
      w.name("gc_pause_ns").value(r.gcPauseNanos());
      w.name("gc_pause_ratio").value(r.gcPauseRatio());
    }
    w.name("covered_ns").value(r.coveredNanos());
    w.endObject();
  }

  private static void figure(JsonWriter w, String name, double v) {
    if (v >= 0) {
      w.name(name).value(v);
    }
  }

  private static void alerts(JsonWriter w, List<Alert> alerts) {
    w.name("alerts").beginArray();
    for (Alert a : alerts) {
      w.beginObject()
          .name("level").value(a.level().id())
          .name("subject").value(a.subject())
          .name("rule").value(a.rule())
          .name("value").value(a.value())
          .name("threshold").value(a.threshold())
          .name("unit").value(a.unit())
          .endObject();
    }
    w.endArray();
  }

  private static void cost(JsonWriter w, Cost c) {
    w.name("cost").beginObject()
        .name("cpu_core_seconds").value(c.coreSecondsTotal())
        .name("cpu_core_seconds_per_run").value(c.coreSecondsPerRun())
        .name("price_per_core_hour").value(c.pricePerCoreHour())
        .name("currency").value(c.hasPrice() ? c.currency() : null)
        .name("money").value(c.moneyTotal())
        .name("money_per_run").value(c.moneyPerRun());
    w.name("stages").beginArray();
    for (StageCost s : c.stages()) {
      w.beginObject()
          .name("stage").value(s.stage())
          .name("cpu_core_seconds").value(s.coreSeconds())
          .name("money").value(s.money())
          .endObject();
    }
    w.endArray();
    w.endObject();
  }

  private static void resources(JsonWriter w, ResourceReport r) {
    w.name("resources").beginObject();
    w.name("series").beginArray();
    for (ResourceSeries s : r.series()) {
      w.beginObject()
          .name("name").value(s.name())
          .name("unit").value(ResourceNames.unit(s.name()))
          .name("count").value(s.count())
          .name("min").value(s.min())
          .name("mean").value(s.mean())
          .name("max").value(s.max());
      w.name("points").beginArray();
      for (double[] p : s.points()) {
        w.beginArray().value((long) p[0]).value(p[1]).endArray();
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    alerts(w, r.alerts());
    w.endObject();
  }

  private static void agent(JsonWriter w, AgentInfo a) {
    w.name("agent").beginObject()
        .name("version").value(a.version())
        .name("dropped_spans").value(a.droppedSpans());
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(a.counters()).entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
  }

  private static void numbers(JsonWriter w, Map<String, Double> numbers) {
    w.name("numbers").beginObject();
    for (Map.Entry<String, Double> e : numbers.entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
  }

  /** Most spans a waterfall carries: past it, the earliest-starting spans are kept. */
  static final int MAX_WATERFALL_SPANS = 2000;

  /** The slowest run's spans, relative to its start, with the critical ones marked. */
  private static void writeWaterfall(JsonWriter w, PipelineReport p) {
    java.util.Set<String> critical = new java.util.HashSet<>();
    for (CriticalPathSegment c : p.criticalPath()) {
      critical.add(c.spanId());
    }
    List<StageSpan> spans = new java.util.ArrayList<>(p.slowestRunSpans());
    spans.sort(java.util.Comparator.comparingLong(StageSpan::startNanos));
    w.name("spans_total").value(spans.size());
    w.name("spans").beginArray();
    for (StageSpan s : spans.subList(0, Math.min(spans.size(), MAX_WATERFALL_SPANS))) {
      w.beginObject()
          .name("span_id").value(s.spanId())
          .name("parent_id").value(s.parentSpanId())
          .name("stage").value(s.stage())
          .name("thread").value(s.threadName())
          .name("start_ns").value(s.startNanos() - p.slowestRunStartNanos())
          .name("duration_ns").value(s.durationNanos())
          .name("critical").value(critical.contains(s.spanId()))
          .name("error").value(s.error())
          .endObject();
    }
    w.endArray();
  }
}
