package io.perfagent.analysis;

import io.perfagent.analysis.bottleneck.BottleneckThresholds;
import io.perfagent.analysis.model.Contention;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analysis.whatif.WhatIfAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link Analyzer#analyze} needs beyond the spans. Made with {@link #builder()}. */
public final class AnalysisOptions {

  /** What-if predictions are made for this many top bottlenecks. */
  public static final int DEFAULT_WHAT_IF_STAGES = 3;
  public static final String DEFAULT_CURRENCY = "USD";

  private final List<ResourceSample> resourceSamples;
  private final SloConfig slo;
  private final List<Double> speedups;
  private final int whatIfStages;
  private final BottleneckThresholds thresholds;
  private final int availableCores;
  private final double pricePerCoreHour;
  private final String currency;
  private final String agentVersion;
  private final long droppedSpans;
  private final Map<String, Long> agentCounters;
  private final Map<String, Contention> contention;

  private AnalysisOptions(Builder b) {
    resourceSamples = List.copyOf(b.resourceSamples);
    slo = b.slo;
    speedups = b.speedups.isEmpty() ? List.of(WhatIfAnalyzer.DEFAULT_SPEEDUP) : List.copyOf(b.speedups);
    whatIfStages = b.whatIfStages;
    thresholds = b.thresholds;
    availableCores = b.availableCores;
    pricePerCoreHour = b.pricePerCoreHour;
    currency = b.currency;
    agentVersion = b.agentVersion;
    droppedSpans = b.droppedSpans;
    agentCounters = Map.copyOf(b.agentCounters);
    contention = Map.copyOf(b.contention);
  }

  public static AnalysisOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<ResourceSample> resourceSamples() { return resourceSamples; }
  public SloConfig slo() { return slo; }
  /** The speedup factors asked about; the first is the headline one (default 2). */
  public List<Double> speedups() { return speedups; }
  public int whatIfStages() { return whatIfStages; }
  public BottleneckThresholds thresholds() { return thresholds; }
  /** Cores available to the process; 0 when unknown. */
  public int availableCores() { return availableCores; }
  /** NaN when no price is configured. */
  public double pricePerCoreHour() { return pricePerCoreHour; }
  public String currency() { return currency; }
  public String agentVersion() { return agentVersion; }
  public long droppedSpans() { return droppedSpans; }
  public Map<String, Long> agentCounters() { return agentCounters; }
  /** Lock and wait time of stage calls, by span id; calls not in it are unknown. */
  public Map<String, Contention> contention() { return contention; }

  /** Builder; setters validate. */
  public static final class Builder {
    private final List<ResourceSample> resourceSamples = new ArrayList<>();
    private SloConfig slo = SloConfig.defaults();
    private final List<Double> speedups = new ArrayList<>();
    private int whatIfStages = DEFAULT_WHAT_IF_STAGES;
    private BottleneckThresholds thresholds = BottleneckThresholds.defaults();
    private int availableCores;
    private double pricePerCoreHour = Double.NaN;
    private String currency = DEFAULT_CURRENCY;
    private String agentVersion = "";
    private long droppedSpans;
    private final Map<String, Long> agentCounters = new LinkedHashMap<>();
    private final Map<String, Contention> contention = new java.util.HashMap<>();

    private Builder() {}

    public Builder resourceSamples(List<ResourceSample> samples) {
      resourceSamples.clear();
      resourceSamples.addAll(samples);
      return this;
    }

    public Builder slo(SloConfig v) {
      slo = java.util.Objects.requireNonNull(v, "slo");
      return this;
    }

    /** Adds a speedup factor to predict; 2 is used when none is added. */
    public Builder addSpeedup(double factor) {
      if (!(factor > 1) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("speedup must be a finite factor above 1: " + factor);
      }
      if (!speedups.contains(factor)) {
        speedups.add(factor);
      }
      return this;
    }

    public Builder whatIfStages(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("whatIfStages must not be negative: " + v);
      }
      whatIfStages = v;
      return this;
    }

    public Builder thresholds(BottleneckThresholds v) {
      thresholds = java.util.Objects.requireNonNull(v, "thresholds");
      return this;
    }

    public Builder availableCores(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("availableCores must not be negative: " + v);
      }
      availableCores = v;
      return this;
    }

    public Builder pricePerCoreHour(double price, String currency) {
      if (!(price >= 0) || Double.isInfinite(price)) {
        throw new IllegalArgumentException("price per core-hour must be a non-negative number: " + price);
      }
      pricePerCoreHour = price;
      this.currency = currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency;
      return this;
    }

    public Builder agent(String version, long droppedSpans) {
      agentVersion = version == null ? "" : version;
      this.droppedSpans = Math.max(0, droppedSpans);
      return this;
    }

    /** A further agent counter for the report's {@code agent} object, e.g. dropped folds. */
    public Builder agentCounter(String name, long value) {
      if (!name.equals("version") && !name.equals("dropped_spans")) {
        agentCounters.put(name, value);
      }
      return this;
    }

    /** Several agent counters at once. */
    public Builder agentCounters(Map<String, Long> counters) {
      for (Map.Entry<String, Long> e : counters.entrySet()) {
        agentCounter(e.getKey(), e.getValue());
      }
      return this;
    }

    /**
     * What stage calls waited for, by span id: the evidence of the {@code lock} kind beyond
     * {@link io.perfagent.analysis.model.StageSpan#blockedNanos} (which monitor or lock, which
     * stage held it) and the wait time of the {@code wait} kind. Replaces what was set before.
     */
    public Builder contention(Map<String, Contention> bySpanId) {
      contention.clear();
      contention.putAll(bySpanId);
      return this;
    }

    public AnalysisOptions build() {
      return new AnalysisOptions(this);
    }
  }
}
