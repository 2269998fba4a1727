package io.perfagent.agent.rules;

import io.perfagent.bootstrap.StageInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads stage rules. The syntax, chosen to survive inside {@code -javaagent:perf.jar=k=v,...}
 * (whose splitting leaves commas inside brackets alone):
 *
 * <pre>
 *   rules  := rule { ';' rule }                      (a file: also one rule a line)
 *   rule   := class '#' method [ '(' [type {',' type}] ')' ] [ '[' option {',' option} ']' ]
 *   class  := binary name: com.acme.Parser, com.acme.Outer$Inner
 *   method := a name (any access), or a pattern with '*' (public methods only): *, write*
 *   type   := int, byte[], java.lang.String, or a simple name (String); '...' reads as '[]'
 *   option := name=STAGE | mode=AUTO|SPAN|AGGREGATE | pipeline=PIPELINE
 * </pre>
 *
 * A rule that cannot be read becomes one problem naming it and why; the others still apply.
 */
public final class StageRuleParser {

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  private static final Pattern METHOD = Pattern.compile("[\\p{L}_$*][\\p{L}\\p{N}_$*]*");
  private static final Pattern TYPE = Pattern.compile(
      "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\[\\])*");

  private final List<StageRule> rules = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  /** Adds the rules of {@code text}, split on {@code ;} and line ends; {@code source} names it. */
  public StageRuleParser addAll(String text, String source) {
    return addLines(text, source, false);
  }

  /** As {@link #addAll}, each problem naming its line of the file {@code source} names. */
  public StageRuleParser addLines(String text, String source) {
    return addLines(text, source, true);
  }

  private StageRuleParser addLines(String text, String source, boolean numbered) {
    if (text == null) {
      return this;
    }
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].trim();
      if (trimmed.startsWith("#")) {
        continue; // a comment line (no rule starts with '#')
      }
      for (String part : trimmed.split(";")) {
        add(part, numbered ? source + " line " + (i + 1) : source);
      }
    }
    return this;
  }

  /** Adds one rule; blank text is nothing. */
  public StageRuleParser add(String text, String source) {
    String rule = text.trim();
    if (rule.isEmpty()) {
      return this;
    }
    try {
      rules.add(parse(rule));
    } catch (IllegalArgumentException e) {
      problems.add("bad stage rule '" + rule + "' (from " + source + "): " + e.getMessage()
          + "; it is ignored, the other rules apply");
    }
    return this;
  }

  public List<StageRule> rules() {
    return List.copyOf(rules);
  }

  /** One line per rule that could not be read. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Reads one trimmed rule; throws with the reason when it cannot. */
  static StageRule parse(String rule) {
    String options = "";
    String head = rule;
    if (rule.endsWith("]")) { // a name cannot hold '[', so the last one opens the options
      int open = rule.lastIndexOf('[');
      options = rule.substring(open + 1, rule.length() - 1);
      head = rule.substring(0, open).trim();
    } else if (rule.indexOf('[', rule.lastIndexOf(')') + 1) >= 0) {
      throw new IllegalArgumentException("options start with '[' but do not end with ']'");
    }
    List<String> parameters = null;
    int paren = head.indexOf('(');
    if (paren >= 0) {
      if (!head.endsWith(")")) {
        throw new IllegalArgumentException("parameter types start with '(' but do not end "
            + "with ')'");
      }
      parameters = parameters(head.substring(paren + 1, head.length() - 1));
      head = head.substring(0, paren).trim();
    }
    int hash = head.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("expected class#method, e.g. com.acme.Parser#parse");
    }
    String className = head.substring(0, hash).trim();
    String method = head.substring(hash + 1).trim();
    if (!CLASS_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException("'" + className + "' is not a class name (binary "
          + "name, e.g. com.acme.Outer$Inner)");
    }
    if (method.isEmpty()) {
      throw new IllegalArgumentException("no method after '#' (a name, or * for every "
          + "public method)");
    }
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("'" + method + "' is not a method name or pattern "
          + "(constructors cannot be stages)");
    }
    String name = "";
    String pipeline = "";
    int mode = StageInfo.MODE_AUTO;
    for (String option : options.split(",")) {
      String o = option.trim();
      if (o.isEmpty()) {
        continue;
      }
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq).trim();
      String value = eq < 0 ? "" : o.substring(eq + 1).trim();
      if (value.isEmpty()) {
        throw new IllegalArgumentException("option '" + o + "' has no value");
      }
      switch (key) {
        case "name":
          name = value;
          break;
        case "pipeline":
          pipeline = value;
          break;
        case "mode":
          mode = mode(value);
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + key + "' (known: name, "
              + "mode, pipeline)");
      }
    }
    return new StageRule(rule, className, method, parameters, name, pipeline, mode);
  }

  private static List<String> parameters(String list) {
    List<String> out = new ArrayList<>();
    if (list.isBlank()) {
      return out;
    }
    for (String part : list.split(",")) {
      String t = part.trim().replace("...", "[]").replace(" ", "");
      if (!TYPE.matcher(t).matches()) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not a parameter type "
            + "(int, byte[], java.lang.String or String)");
      }
      out.add(t);
    }
    return out;
  }

  private static int mode(String value) {
    switch (value.toUpperCase(Locale.ROOT)) {
      case "AUTO":
        return StageInfo.MODE_AUTO;
      case "SPAN":
        return StageInfo.MODE_SPAN;
      case "AGGREGATE":
        return StageInfo.MODE_AGGREGATE;
      default:
        throw new IllegalArgumentException("mode '" + value + "' is not AUTO, SPAN or "
            + "AGGREGATE");
    }
  }
}
