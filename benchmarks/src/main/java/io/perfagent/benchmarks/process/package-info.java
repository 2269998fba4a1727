/**
 * Small programs for the whole-process measurements of {@code benchmarks/run.sh}: a hello-world
 * with one stage, and a wrapper that reports when {@code main} was reached before handing over
 * to another program's {@code main} (the demo pipeline).
 */
package io.perfagent.benchmarks.process;
