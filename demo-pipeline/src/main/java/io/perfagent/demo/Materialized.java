package io.perfagent.demo;

import java.util.List;

/**
 * The result of the {@code materialize} stage.
 *
 * @param lines lines formatted, one per order
 * @param bytes UTF-8 bytes over all lines
 * @param hash an order-sensitive hash over all lines
 * @param window the last lines formatted, oldest first, as UTF-8 bytes
 */
public record Materialized(long lines, long bytes, long hash, List<byte[]> window) {}
