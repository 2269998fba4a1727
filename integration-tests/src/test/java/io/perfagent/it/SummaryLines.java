package io.perfagent.it;

import java.util.List;
import java.util.regex.Pattern;

/** Finding the agent's exit summary lines of one stage on a child's stderr. */
final class SummaryLines {

  private static final Pattern DIGIT_GROUPING = Pattern.compile("(?<=\\d)[,_' \u00a0\u202f](?=\\d{3})");

  private SummaryLines() {}

  /** {@code [perf-agent]} lines naming {@code stage} as a whole word (not a prefix of another). */
  static List<String> forStage(List<String> perfAgentLines, String stage) {
    Pattern name = Pattern.compile("(?<![\\w.])" + Pattern.quote(stage) + "(?![\\w.])");
    return perfAgentLines.stream().filter(l -> name.matcher(l).find()).toList();
  }

  /** True when {@code line} shows {@code count} as a number (digit grouping allowed). */
  static boolean showsCount(String line, long count) {
    String plain = DIGIT_GROUPING.matcher(line).replaceAll("");
    return Pattern.compile("(?<![\\w.])" + count + "(?![\\w.])").matcher(plain).find();
  }
}
