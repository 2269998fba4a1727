package io.perfagent.demo;

import java.util.SplittableRandom;

/**
 * The customers known to the pipeline, generated from a seed, looked up by id.
 *
 * <p>Ids are dense, so the directory is an array: {@code enrich} looks a customer up once per
 * record and must stay in the tens of nanoseconds.
 */
public final class CustomerDirectory {

  /** Region names, indexed by {@link Customer#region()}. */
  public static final String[] REGIONS = {
    "eu-west", "eu-central", "us-east", "us-west", "ap-south", "ap-east", "sa-east", "af-south"
  };

  /** Sales tax per region, in basis points, parallel to {@link #REGIONS}. */
  private static final int[] TAX_BASIS_POINTS = {2000, 1900, 700, 850, 1800, 1000, 1700, 1500};

  private static final int[] DISCOUNT_BY_TIER = {0, 250, 500, 1000};

  private final Customer[] customers;

  private CustomerDirectory(Customer[] customers) {
    this.customers = customers;
  }

  /** Generates {@code count} customers from {@code seed}. */
  public static CustomerDirectory generate(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    // Its own stream, so the customer table does not shift when the order generator changes.
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Customer[] customers = new Customer[count];
    for (int id = 0; id < count; id++) {
      int region = random.nextInt(REGIONS.length);
      // Most customers have no tier; a few have the top one, as in a real loyalty programme.
      int roll = random.nextInt(100);
      int tier = roll < 60 ? 0 : roll < 85 ? 1 : roll < 97 ? 2 : 3;
      customers[id] = new Customer(id, region, tier, DISCOUNT_BY_TIER[tier]);
    }
    return new CustomerDirectory(customers);
  }

  /** Number of customers; ids run from 0 to {@code size() - 1}. */
  public int size() {
    return customers.length;
  }

  /** The customer with this id. */
  public Customer lookup(int id) {
    return customers[id];
  }

  /** Sales tax of {@code region}, in basis points. */
  public static int taxBasisPoints(int region) {
    return TAX_BASIS_POINTS[region];
  }
}
