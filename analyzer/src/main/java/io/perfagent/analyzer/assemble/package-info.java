/**
 * Runs out of spans that arrive out of order, from many processes and batches: a run closes
 * when its root has ended and its trace has been quiet for the quiet period; a late span
 * re-opens it as the run's next version. Memory is bounded, every drop counted by cause.
 */
package io.perfagent.analyzer.assemble;
