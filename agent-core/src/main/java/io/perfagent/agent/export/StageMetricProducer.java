package io.perfagent.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.agent.collect.StageStats;
import io.perfagent.agent.collect.StatsTable;
import io.perfagent.bootstrap.StageRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stage metrics, produced from the cumulative statistics when a metric reader collects,
 * rather than recorded per call: folded stages run millions of calls whose histogram the drain
 * thread already holds, and recording them again one by one would cost the agent for nothing.
 */
public final class StageMetricProducer implements MetricProducer {

  private static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("perf.pipeline");
  private static final AttributeKey<String> STAGE = AttributeKey.stringKey("perf.stage");
  private static final List<Double> BOUNDS = bounds();

  private final StatsTable stats;
  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos;

  public StageMetricProducer(StatsTable stats, InstrumentationScopeInfo scope, long startEpochNanos) {
    this.stats = stats;
    this.scope = scope;
    this.startEpochNanos = startEpochNanos;
  }

  private static List<Double> bounds() {
    List<Double> out = new ArrayList<>();
    for (double b : StageStats.BOUNDS_SECONDS) {
      out.add(b);
    }
    return out;
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = System.currentTimeMillis() * 1_000_000L;
    List<HistogramPointData> durations = new ArrayList<>();
    List<DoublePointData> cpu = new ArrayList<>();
    List<LongPointData> allocated = new ArrayList<>();
    List<LongPointData> records = new ArrayList<>();
    List<LongPointData> errors = new ArrayList<>();
    for (StageStats s : stats.snapshot()) {
      if (s.calls() == 0) {
        continue;
      }
      Attributes attrs = Attributes.of(PIPELINE, StageRegistry.pipeline(s.pipelineId),
          STAGE, StageRegistry.stage(s.stageId).name);
      List<Long> counts = new ArrayList<>();
      for (long c : s.bucketCounts()) {
        counts.add(c);
      }
      durations.add(ImmutableHistogramPointData.create(startEpochNanos, now, attrs,
          s.wallNanos() / 1e9, true, s.minNanos() / 1e9, true, s.maxNanos() / 1e9, BOUNDS,
          counts));
      if (s.cpuNanos() >= 0) { // folded per-record stages have no CPU figure of their own
        cpu.add(ImmutableDoublePointData.create(startEpochNanos, now, attrs,
            s.cpuNanos() / 1e9));
      }
      allocated.add(ImmutableLongPointData.create(startEpochNanos, now, attrs, s.allocBytes()));
      records.add(ImmutableLongPointData.create(startEpochNanos, now, attrs, s.records()));
      errors.add(ImmutableLongPointData.create(startEpochNanos, now, attrs, s.errors()));
    }
    List<MetricData> out = new ArrayList<>(5);
    if (durations.isEmpty()) {
      return out;
    }
    out.add(ImmutableMetricData.createDoubleHistogram(resource, scope, "perf.stage.duration",
        "Wall time of stage calls", "s",
        ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, durations)));
    out.add(ImmutableMetricData.createDoubleSum(resource, scope, "perf.stage.cpu_time",
        "Thread CPU time of stage calls (exact or sampled, see perf.cpu_source on spans)", "s",
        ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, cpu)));
    out.add(ImmutableMetricData.createLongSum(resource, scope, "perf.stage.allocated",
        "Bytes allocated by the thread during stage calls", "By",
        ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, allocated)));
    out.add(ImmutableMetricData.createLongSum(resource, scope, "perf.stage.records",
        "Records credited to the stage with Perf.records", "{record}",
        ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, records)));
    out.add(ImmutableMetricData.createLongSum(resource, scope, "perf.stage.errors",
        "Stage calls that ended with an exception", "{error}",
        ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, errors)));
    return out;
  }
}
