package io.perfagent.analysis.report;

import io.perfagent.analysis.testing.MiniJson;

import static io.perfagent.analysis.TestSpans.MS;
import static io.perfagent.analysis.testing.MiniJson.arr;
import static io.perfagent.analysis.testing.MiniJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.Contention;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.slo.SloConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

  static List<StageSpan> demoLike() {
    List<StageSpan> all = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      long scoreEnd = 700 + run * 100L; // runs of 1000, 1100, 1200 ms
      TestSpans t = TestSpans.trace("trace" + run, "orders", run * 10_000L);
      t.add(t.builder("r", "", "run", 0, scoreEnd + 300).cpuNanos((scoreEnd + 200) * MS, true)
          .allocBytes(0).build());
      t.add(t.builder("a", "r", "read \"csv\"", 0, 100).cpuNanos(10 * MS, true).allocBytes(0)
          .records(1000).build());
      t.add(t.builder("b", "r", "score", 101, scoreEnd).cpuNanos((scoreEnd - 101) * MS, true)
          .allocBytes(0).build());
      t.add(t.builder("c", "r", "materialize", scoreEnd + 1, scoreEnd + 250)
          .cpuNanos(200 * MS, true).allocBytes(512L << 20).error("java.io.IOException").build());
      t.add(t.builder("f", "r", "audit", scoreEnd + 260, scoreEnd + 900).build());
      all.addAll(t.spans());
    }
    return all;
  }

  static Report report() {
    return Analyzer.analyze(demoLike(), AnalysisOptions.builder()
        .availableCores(2).pricePerCoreHour(0.05, "EUR").agent("0.1.0", 3)
        .agentCounter("dropped_folds", 1).addSpeedup(2).addSpeedup(4)
        .slo(SloConfig.parse("stage:score:p95<500ms/1s"))
        .resourceSamples(List.of(
            new ResourceSample(10 * MS, ResourceNames.PROCESS_CPU_UTILIZATION, 0.97),
            new ResourceSample(20 * MS, ResourceNames.PROCESS_CPU_UTILIZATION, 0.99)))
        .build());
  }

  @Test
  void everyRequiredFieldIsThereAndParsesBack() {
    String json = ReportJson.write(report());
    Map<String, Object> root = obj(MiniJson.parse(json));
    assertThat(root).containsEntry("schema", "perf-report/1")
        .containsKeys("pipelines", "resources", "agent");
    assertThat(obj(root.get("agent"))).containsEntry("version", "0.1.0")
        .containsEntry("dropped_spans", 3.0).containsEntry("dropped_folds", 1.0);
    List<Object> pipelines = arr(root.get("pipelines"));
    assertThat(pipelines).hasSize(1);
    Map<String, Object> p = obj(pipelines.get(0));
    assertThat(p.keySet()).contains("name", "runs", "wall_ns", "stages", "critical_path",
        "bottlenecks", "what_if", "alerts", "recommendations", "cost");
    assertThat(p).containsEntry("name", "orders").containsEntry("runs", 3.0)
        .containsEntry("wall_ns", 1100.0 * MS);
    for (Object s : arr(p.get("stages"))) {
      assertThat(obj(s).keySet()).contains("name", "calls", "errors", "wall_ns",
          "self_ns", "cpu_ns", "alloc_bytes", "records", "bytes", "p50_ns", "p95_ns", "p99_ns",
          "max_ns", "critical_path_ns", "critical_path_share");
    }
    assertThat(arr(p.get("stages")).stream().map(s -> obj(s).get("name")))
        .contains("read \"csv\"");
    List<Object> cp = arr(p.get("critical_path"));
    assertThat(cp).isNotEmpty();
    assertThat(obj(cp.get(0)).keySet()).contains("stage", "start_ns", "duration_ns");
    assertThat(obj(cp.get(0))).containsEntry("start_ns", 0.0);
    double sum = cp.stream().mapToDouble(c -> (Double) obj(c).get("duration_ns")).sum();
    assertThat(sum).isEqualTo(1200.0 * MS); // the slowest run
    Map<String, Object> b0 = obj(arr(p.get("bottlenecks")).get(0));
    assertThat(b0.keySet()).contains("stage", "kind", "critical_path_share", "evidence");
    assertThat(b0).containsEntry("stage", "score").containsEntry("kind", "cpu");
    List<Object> whatIf = arr(p.get("what_if"));
    assertThat(obj(whatIf.get(0)).keySet())
        .contains("stage", "speedup", "predicted_wall_ns", "predicted_gain_ns");
    assertThat(whatIf.stream().map(w -> obj(w).get("speedup"))).contains(2.0, 4.0);
    List<Object> alerts = arr(p.get("alerts"));
    assertThat(alerts).isNotEmpty();
    for (Object a : alerts) {
      assertThat(obj(a).keySet()).contains("level", "subject", "rule", "value", "threshold");
    }
    List<Object> recs = arr(p.get("recommendations"));
    assertThat(recs).isNotEmpty();
    assertThat(obj(recs.get(0)).keySet()).contains("stage", "text", "evidence");
    assertThat(obj(p.get("cost"))).containsEntry("currency", "EUR").containsKey("cpu_core_seconds");
    assertThat(obj(root.get("resources"))).containsKeys("series", "alerts");
    Map<String, Object> cpu = obj(arr(obj(root.get("resources")).get("series")).get(0));
    assertThat(cpu).containsEntry("name", ResourceNames.PROCESS_CPU_UTILIZATION)
        .containsEntry("unit", "1").containsEntry("count", 2.0).containsEntry("max", 0.99)
        .containsEntry("min", 0.97).containsKey("points");
    assertThat((Double) cpu.get("mean")).isCloseTo(0.98, within(1e-9));
    // the samples (10 ms apart, 0-20 ms) fall in the first run's read: its spans of 10 ms or more
    Map<String, Object> read = obj(arr(p.get("stages")).stream()
        .filter(s -> obj(s).get("name").equals("read \"csv\"")).findFirst().orElseThrow());
    Map<String, Object> res = obj(read.get("resources"));
    assertThat(res.keySet()).containsExactly("process_cpu_utilization", "covered_ns");
    assertThat((Double) res.get("process_cpu_utilization")).isCloseTo(0.98, within(1e-9));
    assertThat(res).containsEntry("covered_ns", 300.0 * MS); // 3 runs x 100 ms
    Map<String, Object> audit = obj(arr(p.get("stages")).stream()
        .filter(s -> obj(s).get("name").equals("audit")).findFirst().orElseThrow());
    assertThat(audit).doesNotContainKey("resources"); // no sample overlaps it
  }

  /** Lock and wait figures: the stage's {@code wait_ns} and its {@code contention} object. */
  @Test
  void aContendedStageCarriesWhatItWaitedOn() {
    TestSpans t = TestSpans.trace("t", "ledger", 0);
    t.add(t.builder("r", "", "run", 0, 100).blockedNanos(0).build());
    t.add(t.builder("p", "r", "post", 0, 90).thread("pool-1", 7).blockedNanos(60 * MS).build());
    Contention c = new Contention(60 * MS, 20 * MS, Map.of("monitor io.acme.Ledger", 60 * MS),
        Map.of("parked on java.util.concurrent.FutureTask", 20 * MS), Map.of("post", 60 * MS),
        Set.of("pool-2"));
    String json = ReportJson.write(Analyzer.analyze(t.spans(),
        AnalysisOptions.builder().contention(Map.of("p", c)).build()));
    Map<String, Object> p = obj(arr(obj(MiniJson.parse(json)).get("pipelines")).get(0));
    Map<String, Object> post = obj(arr(p.get("stages")).stream()
        .filter(s -> obj(s).get("name").equals("post")).findFirst().orElseThrow());
    assertThat(post).containsEntry("blocked_ns", 60.0 * MS).containsEntry("wait_ns", 20.0 * MS);
    Map<String, Object> contention = obj(post.get("contention"));
    assertThat(contention).containsEntry("blocked_ns", 60.0 * MS)
        .containsEntry("threads_blocked", 1.0).containsEntry("holder_threads", 1.0);
    assertThat(obj(contention.get("blocked_on"))).containsEntry("monitor io.acme.Ledger", 60.0 * MS);
    assertThat(obj(contention.get("held_by_stage"))).containsEntry("post", 60.0 * MS);
    assertThat(obj(contention.get("waited_on")))
        .containsEntry("parked on java.util.concurrent.FutureTask", 20.0 * MS);
    Map<String, Object> run = obj(arr(p.get("stages")).stream()
        .filter(s -> obj(s).get("name").equals("run")).findFirst().orElseThrow());
    assertThat(run).containsEntry("wait_ns", 0.0).doesNotContainKey("contention");
    Map<String, Object> b0 = obj(arr(p.get("bottlenecks")).get(0));
    assertThat(b0).containsEntry("kind", "lock");
    assertThat((String) b0.get("evidence")).isEqualTo("blocked 60.0 ms of 90.0 ms on monitor "
        + "io.acme.Ledger (held by stage \"post\" on pool-2); 1 of 1 thread was blocked");
  }

  @Test
  void writerEscapesStringsAndWritesNonFiniteNumbersAsNull() {
    String raw = "q\" b\\ n\n t\t c\u0001 é \u2028";
    String json = new JsonWriter(false).beginObject()
        .name("s").value(raw)
        .name("nan").value(Double.NaN).name("x").value(1.5).name("n").value(3.0)
        .endObject().toString();
    assertThat(json).isEqualTo(
        "{\"s\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 é \\u2028\",\"nan\":null,\"x\":1.5,\"n\":3}");
    Map<String, Object> back = obj(MiniJson.parse(json));
    assertThat(back.get("s")).isEqualTo(raw);
    assertThat(back).containsEntry("nan", null).containsEntry("x", 1.5).containsEntry("n", 3.0);
  }
}
