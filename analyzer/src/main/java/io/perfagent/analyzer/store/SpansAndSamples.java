package io.perfagent.analyzer.store;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import java.util.List;

/** What a stored run is analysed again from: its spans and the resource samples it had. */
public record SpansAndSamples(List<StageSpan> spans, List<ResourceSample> samples) {}
