package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scores each customer's expected future value with a small Monte-Carlo simulation.
 *
 * <p>This is the pipeline's bottleneck by construction: pure arithmetic on the calling thread,
 * no I/O, no allocation in the loop, and nothing handed to the pool, so one core is busy and
 * the other idles for the whole stage. Its cost is linear in the number of customers, one per
 * twenty records, like most other stages; {@link #PERIODS} sets its share of the run.
 */
public final class CustomerScorer {

  /** Simulated futures per customer. */
  static final int PATHS = 128;

  /** Ordering periods per simulated future. */
  static final int PERIODS = 288;

  private static final double DRIFT = 0.002;
  private static final double VOLATILITY = 0.2;
  private static final double RETENTION = 0.97;

  private final long seed;

  /** A scorer whose simulations are seeded from {@code seed}. */
  public CustomerScorer(long seed) {
    this.seed = seed;
  }

  /**
   * Scores {@code customers}.
   *
   * @param customers customers to score; their ids must be below {@code customerCount}
   * @param customerCount size of the returned array
   * @return expected future value in cents, indexed by customer id; 0 for customers not given
   */
  @Monitored("score")
  public double[] score(List<CustomerSummary> customers, int customerCount) {
    double[] scores = new double[customerCount];
    for (CustomerSummary customer : customers) {
      scores[customer.customer()] = simulate(customer);
    }
    Perf.records(customers.size());
    return scores;
  }

  private double simulate(CustomerSummary customer) {
    // A stream per customer: the score must not depend on the order customers are scored in.
    SplittableRandom random = new SplittableRandom(seed ^ Partitioner.mix(customer.customer()));
    double averageOrder = (double) customer.netCents() / customer.orders();
    double total = 0;
    for (int path = 0; path < PATHS; path++) {
      double spend = averageOrder;
      double survival = 1;
      double value = 0;
      for (int period = 0; period < PERIODS; period++) {
        // Only +, -, * and / here: they round the same on every JVM, so checksums match.
        spend *= 1 + DRIFT + VOLATILITY * (random.nextDouble() - 0.5);
        survival *= RETENTION;
        value += spend * survival;
      }
      total += value;
    }
    return total / PATHS;
  }
}
