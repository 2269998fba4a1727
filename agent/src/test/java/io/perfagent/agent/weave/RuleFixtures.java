package io.perfagent.agent.weave;

import java.util.function.Supplier;

/** Classes that {@link RuleInstrumentationTest} names in stage rules. */
final class RuleFixtures {

  private RuleFixtures() {}

  interface Handler {
    String handle(String in);

    int size();
  }

  /** Between the interface and the class that does the work: an indirect implementation. */
  abstract static class BaseHandler implements Handler {
    @Override
    public int size() {
      return 1;
    }

    public String extra() {
      return "extra";
    }
  }

  static class UpperHandler extends BaseHandler {
    @Override
    public String handle(String in) {
      return in.toUpperCase(java.util.Locale.ROOT);
    }

    public static String handle(int n) { // static: not an implementation
      return Integer.toString(n);
    }

    public String other() { // public, but not the interface's
      return "other";
    }
  }

  static class Codec {
    public int decode(byte[] bytes, int n) {
      return bytes.length + n;
    }

    public int decode(String s) {
      return s.length();
    }

    static int decode(long x) {
      return (int) x;
    }

    private int hidden() {
      return 0;
    }

    public int encode() {
      return hidden();
    }
  }

  static class Source implements Supplier<String> {
    @Override
    public String get() {
      return "got";
    }
  }

  static class Plain {
    public int run() {
      return 1;
    }
  }
}
