package io.perfagent.demo;

/**
 * What one customer bought over the whole data set.
 *
 * @param customer customer id
 * @param orders number of orders
 * @param units units over all orders
 * @param netCents net amount over all orders
 * @param medianNetCents the customer's median order amount (the lower median for even counts)
 * @param distinctSkus number of different products ordered
 */
public record CustomerSummary(
    int customer, int orders, long units, long netCents, long medianNetCents, int distinctSkus) {}
