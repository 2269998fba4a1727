package io.perfagent.analyzer.api;

import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.report.JsonWriter;
import io.perfagent.analyzer.store.Finding;
import io.perfagent.analyzer.store.PipelineSummary;
import io.perfagent.analyzer.store.Regression;
import io.perfagent.analyzer.store.RunSummary;
import io.perfagent.analyzer.store.StageRow;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.store.StoredRun;
import java.time.Instant;
import java.util.List;

/**
 * The API's JSON answers, written with the analysis library's {@link JsonWriter} (the one the
 * report uses). Field names are snake_case like {@code perf-report/1}'s; times are epoch
 * nanoseconds ({@code *_epoch_ns}) with an ISO-8601 twin for people.
 */
final class ApiJson {

  private ApiJson() {}

  static String error(String message) {
    return new JsonWriter(true).beginObject().name("error").value(message).endObject()
        .toString();
  }

  static String pipelines(List<PipelineSummary> pipelines) {
    JsonWriter w = new JsonWriter(true).beginObject().name("pipelines").beginArray();
    for (PipelineSummary p : pipelines) {
      w.beginObject()
          .name("name").value(p.name())
          .name("runs").value(p.runs())
          .name("last_run").beginObject()
          .name("id").value(p.lastRunId())
          .name("start").value(iso(p.lastStartNanos()))
          .name("start_epoch_ns").value(p.lastStartNanos())
          .name("wall_ns").value(p.lastWallNanos());
      bottleneck(w, p.lastTopStage(), p.lastTopKind(), Double.NaN);
      w.endObject().endObject();
    }
    return w.endArray().endObject().toString();
  }

  static String runs(String pipeline, long total, int limit, int offset, List<RunSummary> runs) {
    JsonWriter w = new JsonWriter(true).beginObject()
        .name("pipeline").value(pipeline)
        .name("total").value(total)
        .name("limit").value(limit)
        .name("offset").value(offset)
        .name("runs").beginArray();
    for (RunSummary r : runs) {
      w.beginObject();
      summary(w, r);
      w.endObject();
    }
    return w.endArray().endObject().toString();
  }

  /** One run: its summary, its critical path, and its {@code perf-report/1} document. */
  static String run(StoredRun run) {
    RunSummary s = run.summary();
    JsonWriter w = new JsonWriter(true).beginObject();
    summary(w, s);
    w.name("critical_path").beginArray();
    for (CriticalPathSegment c : run.criticalPath()) {
      w.beginObject()
          .name("stage").value(c.stage())
          .name("span_id").value(c.spanId())
          .name("start_ns").value(c.startNanos() - s.startNanos())
          .name("duration_ns").value(c.durationNanos())
          .name("share").value(s.wallNanos() <= 0 ? 0 : (double) c.durationNanos() / s.wallNanos())
          .endObject();
    }
    w.endArray();
    return withMember(w.endObject().toString(), "report", run.reportJson());
  }

  static String findings(List<Finding> findings) {
    JsonWriter w = new JsonWriter(true).beginObject().name("recommendations").beginArray();
    for (Finding f : findings) {
      w.beginObject()
          .name("pipeline").value(f.pipeline())
          .name("run_id").value(f.runId())
          .name("rank").value(f.rank())
          .name("stage").value(f.stage())
          .name("text").value(f.text())
          .name("evidence").value(f.evidence())
          .endObject();
    }
    return w.endArray().endObject().toString();
  }

  /** {@code {"regressions": [...]}}, in the given order. */
  static String regressions(List<Regression> regressions) {
    JsonWriter w = new JsonWriter(true).beginObject().name("regressions").beginArray();
    for (Regression r : regressions) {
      w.beginObject()
          .name("id").value(r.id())
          .name("pipeline").value(r.pipeline())
          .name("stage").value(r.stage())
          .name("metric").value(r.metric())
          .name("direction").value(r.direction())
          .name("change").value(r.change())
          .name("before").value(r.before())
          .name("after").value(r.after())
          .name("unit").value(r.unit())
          .name("p_value").value(r.pValue())
          .name("runs_before").value(r.runsBefore())
          .name("runs_after").value(r.runsAfter())
          .name("start_run_id").value(r.startRunId())
          .name("start_run_number").value(r.startRunNumber())
          .name("start_run_start_epoch_ns").value(r.startRunStartNanos())
          .name("start_run_start").value(iso(r.startRunStartNanos()))
          .name("detected_epoch_ms").value(r.detectedMillis())
          .name("updated_epoch_ms").value(r.updatedMillis())
          .name("text").value(r.text())
          .endObject();
    }
    return w.endArray().endObject().toString();
  }

  /** {@code {"alerts": [...]}}, in the given order. */
  static String alerts(List<StoredAlert> alerts) {
    JsonWriter w = new JsonWriter(true).beginObject().name("alerts").beginArray();
    for (StoredAlert a : alerts) {
      alert(w, a);
    }
    return w.endArray().endObject().toString();
  }

  /** One alert, the answer to an acknowledgement. */
  static String alert(StoredAlert a) {
    JsonWriter w = new JsonWriter(true);
    alert(w, a);
    return w.toString();
  }

  private static void alert(JsonWriter w, StoredAlert a) {
    w.beginObject()
        .name("id").value(a.id())
        .name("pipeline").value(a.pipeline())
        .name("subject").value(a.subject())
        .name("rule").value(a.rule())
        .name("metric").value(a.metric())
        .name("level").value(a.level())
        .name("state").value(a.state())
        .name("value").value(a.value())
        .name("threshold").value(a.threshold())
        .name("unit").value(a.unit())
        .name("first_seen_epoch_ms").value(a.firstSeenMillis())
        .name("last_seen_epoch_ms").value(a.lastSeenMillis());
    w.name("resolved_epoch_ms");
    nullable(w, a.resolvedMillis());
    w.name("acked_by");
    if (a.ackedBy() == null) {
      w.nullValue();
    } else {
      w.value(a.ackedBy());
    }
    w.name("acked_epoch_ms");
    nullable(w, a.ackedMillis());
    w.name("run_id").value(a.runId())
        .name("text").value(a.text())
        .endObject();
  }

  private static void nullable(JsonWriter w, Long v) {
    if (v == null) {
      w.nullValue();
    } else {
      w.value(v.longValue());
    }
  }

  static String health(boolean dbOk, String db, String version, long openTraces,
      long queueDepth, long uptimeSeconds) {
    return new JsonWriter(true).beginObject()
        .name("status").value(dbOk ? "ok" : "degraded")
        .name("version").value(version)
        .name("database").value(db)
        .name("database_ok").value(dbOk)
        .name("open_traces").value(openTraces)
        .name("queue_depth").value(queueDepth)
        .name("uptime_s").value(uptimeSeconds)
        .endObject().toString();
  }

  static final String[] EXPORT_COLUMNS = {"run_id", "version", "pipeline", "run_start_epoch_ns",
      "run_wall_ns", "stage", "calls", "errors", "wall_ns", "self_ns", "cpu_ns", "alloc_bytes",
      "records", "p50_ns", "p95_ns", "p99_ns", "max_ns", "critical_path_share",
      "inclusive_critical_path_share", "threads"};

  static Object[] exportValues(StageRow r) {
    return new Object[] {r.runId(), r.version(), r.pipeline(), r.runStartNanos(),
        r.runWallNanos(), r.stage(), r.calls(), r.errors(), r.wallNanos(), r.selfNanos(),
        r.cpuNanos(), r.allocBytes(), r.records(), r.p50Nanos(), r.p95Nanos(), r.p99Nanos(),
        r.maxNanos(), r.criticalPathShare(), r.inclusiveCriticalPathShare(), r.threads()};
  }

  static String exportJson(List<StageRow> rows) {
    JsonWriter w = new JsonWriter(true).beginObject().name("rows").beginArray();
    for (StageRow r : rows) {
      w.beginObject();
      Object[] v = exportValues(r);
      for (int i = 0; i < v.length; i++) {
        w.name(EXPORT_COLUMNS[i]);
        if (v[i] instanceof String s) {
          w.value(s);
        } else if (v[i] instanceof Double d) {
          w.value(d);
        } else {
          w.value(((Number) v[i]).longValue());
        }
      }
      w.endObject();
    }
    return w.endArray().endObject().toString();
  }

  static String exportCsv(List<StageRow> rows) {
    StringBuilder b = new StringBuilder(String.join(",", EXPORT_COLUMNS)).append('\n');
    for (StageRow r : rows) {
      Object[] v = exportValues(r);
      for (int i = 0; i < v.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(v[i] instanceof String s ? csv(s) : String.valueOf(v[i]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String csv(String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0;
    // a leading =, +, - or @ would be a formula in a spreadsheet
    String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static void summary(JsonWriter w, RunSummary r) {
    w.name("id").value(r.id())
        .name("version").value(r.version())
        .name("pipeline").value(r.pipeline())
        .name("trace_id").value(r.id())
        .name("root_stage").value(r.rootStage())
        .name("start").value(iso(r.startNanos()))
        .name("start_epoch_ns").value(r.startNanos())
        .name("end_epoch_ns").value(r.endNanos())
        .name("wall_ns").value(r.wallNanos())
        .name("spans").value(r.spanCount());
    w.name("services").beginArray();
    for (String s : r.services()) {
      w.value(s);
    }
    w.endArray().name("instances").beginArray();
    for (String s : r.instances()) {
      w.value(s);
    }
    w.endArray()
        .name("analysed_at").value(Instant.ofEpochMilli(r.analysedAtMillis()).toString());
    bottleneck(w, r.topStage(), r.topKind(), r.topShare());
  }

  private static void bottleneck(JsonWriter w, String stage, String kind, double share) {
    w.name("bottleneck");
    if (stage.isEmpty()) {
      w.nullValue();
      return;
    }
    w.beginObject().name("stage").value(stage).name("kind").value(kind);
    if (!Double.isNaN(share)) {
      w.name("critical_path_share").value(share);
    }
    w.endObject();
  }

  /** Adds {@code "name": rawJson} as the last member of a JSON object. */
  static String withMember(String objectJson, String name, String rawJson) {
    int end = objectJson.lastIndexOf('}');
    return objectJson.substring(0, end).stripTrailing() + ",\n  \"" + name + "\": " + rawJson
        + "\n}";
  }

  static String iso(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).toString();
  }
}
