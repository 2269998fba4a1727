package io.perfagent.analyzer.regress;

/**
 * Welch's two-sample t-test (unequal variances), two-sided, with the Student t distribution
 * computed through the regularized incomplete beta function (Numerical Recipes' continued
 * fraction, Lanczos log-gamma): no statistics library for one function.
 */
public final class WelchTest {

  private WelchTest() {}

  /** The two-sided p-value that two samples, given as mean, variance, size, have one mean. */
  public static double pValue(double meanA, double varA, int nA, double meanB, double varB,
      int nB) {
    if (nA < 2 || nB < 2) {
      return 1;
    }
    double sa = varA / nA;
    double sb = varB / nB;
    double se2 = sa + sb;
    double diff = meanA - meanB;
    if (se2 <= 0) {
      // no spread on either side: any difference is certain, none is no evidence
      return diff == 0 ? 1 : 0;
    }
    double t = diff / Math.sqrt(se2);
    double df = se2 * se2 / (sa * sa / (nA - 1) + sb * sb / (nB - 1));
    return studentTwoSided(t, df);
  }

  /** P(|T| ≥ |t|) for Student's t with {@code df} degrees of freedom. */
  static double studentTwoSided(double t, double df) {
    if (Double.isNaN(t) || Double.isNaN(df)) {
      return 1;
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    double x = df / (df + t * t);
    return Math.min(1, Math.max(0, incompleteBeta(df / 2, 0.5, x)));
  }

  /** The regularized incomplete beta function I_x(a, b). */
  static double incompleteBeta(double a, double b, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b)
        + a * Math.log(x) + b * Math.log(1 - x));
    // the continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise
    if (x < (a + 1) / (a + b + 2)) {
      return front * betaFraction(a, b, x) / a;
    }
    return 1 - front * betaFraction(b, a, 1 - x) / b;
  }

  private static double betaFraction(double a, double b, double x) {
    final double tiny = 1e-300;
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    if (Math.abs(d) < tiny) {
      d = tiny;
    }
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-14) {
        break;
      }
    }
    return h;
  }

  private static final double[] LANCZOS = {676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
      9.9843695780195716e-6, 1.5056327351493116e-7};

  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double s = 0.99999999999980993;
    for (int i = 0; i < LANCZOS.length; i++) {
      s += LANCZOS[i] / (z + i + 1);
    }
    double t = z + LANCZOS.length - 0.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
  }
}
