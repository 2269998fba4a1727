/**
 * Cost: CPU core-seconds per stage and per run (self CPU, so stages add up without counting
 * nested calls twice), and money when a price per core-hour is configured.
 */
package io.perfagent.analysis.cost;
