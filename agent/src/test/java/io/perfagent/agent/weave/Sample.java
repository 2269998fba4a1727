package io.perfagent.agent.weave;

/** Code shapes the weaver must keep intact: loops, handlers, wide locals, every return type. */
public class Sample {

  public int sum(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += i;
    }
    return s;
  }

  public long wide(long a, double b) {
    long r = a;
    if (b > 1.5) {
      r += (long) b;
    }
    return r;
  }

  public double half(double d) {
    return d / 2;
  }

  public static String label(long first, Object second) {
    first = -1; // a parameter reassigned: the exit hook still sees the value on entry
    second = "changed";
    return "label";
  }

  public void fail(String message) {
    throw new IllegalStateException(message);
  }

  public int caught(int n) {
    try {
      if (n > 0) {
        throw new IllegalArgumentException("inner");
      }
      return 1;
    } catch (IllegalArgumentException e) {
      return 2;
    } finally {
      n++;
    }
  }

  public Object choose(int k) {
    switch (k) {
      case 0:
        return "zero";
      case 1:
        return null;
      default:
        synchronized (this) {
          return Integer.valueOf(k);
        }
    }
  }

  public void runIt(Runnable r) {
    r.run();
  }

  public void nested() {
    sum(2);
  }
}
