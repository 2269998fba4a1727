package io.perfagent.analyzer.translate;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource gauges the analysis reads ({@link ResourceNames}), out of OTLP metrics, by the
 * process that sent them ({@code service.instance.id}). As the agent's own sampler does before
 * its exit report: one value per name and time, the busiest device for a utilization, the sum
 * for GPU memory; memory utilization only in its {@code used} state.
 */
public final class ResourceSamples {

  /** The series the analysis reads (GC pauses come as events). */
  static final Set<String> NAMES = Set.of(ResourceNames.PROCESS_CPU_UTILIZATION,
      ResourceNames.SYSTEM_CPU_UTILIZATION, ResourceNames.CONTAINER_CPU_UTILIZATION,
      ResourceNames.SYSTEM_MEMORY_UTILIZATION, ResourceNames.CONTAINER_MEMORY_UTILIZATION,
      ResourceNames.JVM_MEMORY_UTILIZATION, ResourceNames.GPU_UTILIZATION,
      ResourceNames.GPU_MEMORY_USAGE, ResourceNames.NPU_UTILIZATION,
      ResourceNames.IO_WAIT_UTILIZATION);

  private ResourceSamples() {}

  /** Samples by {@code service.instance.id}; metrics of a resource without one are left out. */
  public static Map<String, List<ResourceSample>> samples(ExportMetricsServiceRequest request) {
    Map<String, List<ResourceSample>> out = new LinkedHashMap<>();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      String instance = Attributes.of(rm.getResource().getAttributesList())
          .string("service.instance.id");
      if (instance.isEmpty()) {
        continue;
      }
      // (name, time) → value, combined over the series of one name
      Map<String, Map<Long, Double>> byName = new LinkedHashMap<>();
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          if (!NAMES.contains(m.getName())) {
            continue;
          }
          List<NumberDataPoint> points = m.hasGauge() ? m.getGauge().getDataPointsList()
              : m.hasSum() ? m.getSum().getDataPointsList() : List.of();
          boolean sum = m.getName().equals(ResourceNames.GPU_MEMORY_USAGE);
          Map<Long, Double> series = byName.computeIfAbsent(m.getName(),
              k -> new LinkedHashMap<>());
          for (NumberDataPoint p : points) {
            String state = Attributes.of(p.getAttributesList()).string("system.memory.state");
            if (!state.isEmpty() && !state.equals("used")) {
              continue;
            }
            double v = p.hasAsDouble() ? p.getAsDouble() : p.getAsInt();
            if (!Double.isFinite(v)) {
              continue;
            }
            series.merge(p.getTimeUnixNano(), v, sum ? Double::sum : Math::max);
          }
        }
      }
      List<ResourceSample> samples = out.computeIfAbsent(instance, k -> new ArrayList<>());
      for (Map.Entry<String, Map<Long, Double>> e : byName.entrySet()) {
        for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
          samples.add(new ResourceSample(p.getKey(), e.getKey(), p.getValue()));
        }
      }
    }
    return out;
  }
}
