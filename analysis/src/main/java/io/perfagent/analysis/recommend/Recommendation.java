package io.perfagent.analysis.recommend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to do about a stage, and why.
 *
 * @param evidence the sentence with the numbers the advice rests on
 * @param numbers the same numbers by name
 */
public record Recommendation(String stage, String text, String evidence,
    Map<String, Double> numbers) {

  public Recommendation {
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }
}
