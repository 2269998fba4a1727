package io.perfagent.analysis.bottleneck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage that holds the run back.
 *
 * @param evidence one sentence with the numbers behind the kind
 * @param numbers the same numbers, by name (shares and ratios as fractions, times in ns, sizes
 *     in bytes, rates per second)
 */
public record Bottleneck(String stage, BottleneckKind kind, double criticalPathShare,
    String evidence, Map<String, Double> numbers) {

  public Bottleneck {
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }
}
