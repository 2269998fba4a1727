package io.perfagent.agent.rules;

import io.perfagent.bootstrap.StageInfo;
import java.util.List;

/**
 * One checked rule: a class (by binary name), a method name or pattern ({@code *} matches any
 * run of characters), optionally the exact parameter types, and what {@code @Monitored} would
 * say: stage name, pipeline, mode. Immutable.
 */
public final class StageRule {

  private final String text;
  private final String className;
  private final String method;
  private final List<String> parameters;
  private final String name;
  private final String pipeline;
  private final int mode;

  StageRule(String text, String className, String method, List<String> parameters,
      String name, String pipeline, int mode) {
    this.text = text;
    this.className = className;
    this.method = method;
    this.parameters = parameters == null ? null : List.copyOf(parameters);
    this.name = name;
    this.pipeline = pipeline;
    this.mode = mode;
  }

  /** The rule as the user wrote it (trimmed): how every message names it. */
  public String text() {
    return text;
  }

  /** The class named, as {@code Class.getName()} says it ({@code a.b.Outer$Inner}). */
  public String className() {
    return className;
  }

  /** The class named, as a class file says it ({@code a/b/Outer$Inner}). */
  public String internalName() {
    return className.replace('.', '/');
  }

  /** True when the method part has a {@code *}: then only public methods match. */
  public boolean isPattern() {
    return method.indexOf('*') >= 0;
  }

  /** The parameter types as written, or null when the rule takes every overload. */
  public List<String> parameters() {
    return parameters;
  }

  /** The stage name given ({@code name=}), or "" for the annotation's default. */
  public String name() {
    return name;
  }

  public String pipeline() {
    return pipeline;
  }

  /** One of {@link StageInfo}'s {@code MODE_*}. */
  public int mode() {
    return mode;
  }

  /** Whether {@code methodName} is the method named, or fits the pattern. */
  public boolean matchesName(String methodName) {
    return glob(method, 0, methodName, 0);
  }

  /**
   * Whether the parameter types of {@code typeNames} ({@code int}, {@code byte[]},
   * {@code java.lang.String}: binary names, as {@code Class.getName()} gives them but arrays
   * written with {@code []}) are the ones the rule names. A rule's type without a package
   * ({@code String}, {@code Map$Entry}, {@code Entry}) stands for any class so named.
   */
  public boolean matchesParameters(List<String> typeNames) {
    if (parameters == null) {
      return true;
    }
    if (parameters.size() != typeNames.size()) {
      return false;
    }
    for (int i = 0; i < parameters.size(); i++) {
      String given = parameters.get(i);
      String actual = typeNames.get(i);
      boolean simplyNamed = given.indexOf('.') < 0
          && (actual.endsWith("." + given) || actual.endsWith("$" + given));
      if (!given.equals(actual) && !simplyNamed) {
        return false;
      }
    }
    return true;
  }

  /** The stage name of {@code methodName} woven in a class of simple name {@code simple}. */
  public String stageName(String simple, String methodName) {
    if (name.isEmpty()) {
      return simple + "." + methodName;
    }
    // one name for the several methods a pattern takes would merge them in the report
    return isPattern() ? name + "." + methodName : name;
  }

  /** {@code *} matches any run of characters, the rest must be equal. */
  private static boolean glob(String pattern, int p, String s, int i) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        for (int k = i; k <= s.length(); k++) {
          if (glob(pattern, p + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (i >= s.length() || s.charAt(i) != c) {
        return false;
      }
      p++;
      i++;
    }
    return i == s.length();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Mode as the annotation spells it. */
  static String modeName(int mode) {
    return mode == StageInfo.MODE_SPAN ? "SPAN"
        : mode == StageInfo.MODE_AGGREGATE ? "AGGREGATE" : "AUTO";
  }
}
