package io.perfagent.agent.rules;

import io.perfagent.agent.log.AgentLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules of one configuration: the {@code stages} value, then the lines of
 * {@code stages.file}. Each rule that cannot be read, and a file that cannot be, gets one
 * line through {@link AgentLog}; the rest apply.
 */
public final class StageRules {

  private StageRules() {}

  /** The readable rules of {@code stages} and of the file {@code file} (blank: none). */
  public static List<StageRule> read(String stages, String file) {
    StageRuleParser parser = new StageRuleParser();
    parser.addAll(stages, "stages");
    if (file != null && !file.isBlank()) {
      try {
        String text = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
        parser.addLines(text, "stages.file " + file.trim());
      } catch (Exception e) { // IOException, InvalidPathException, a malformed encoding
        AgentLog.info("cannot read stages.file '" + file.trim() + "' (" + AgentLog.describe(e)
            + "); its rules do not apply");
      }
    }
    for (String problem : parser.problems()) {
      AgentLog.info(problem);
    }
    return parser.rules();
  }
}
