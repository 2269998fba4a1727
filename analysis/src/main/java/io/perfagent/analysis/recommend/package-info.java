/**
 * Recommendations: one per finding worth acting on, each tied to the numbers behind it (a
 * bottleneck's evidence and its what-if), plus "leave it alone" for stages that are slow but
 * off the critical path. No advice without numbers.
 */
package io.perfagent.analysis.recommend;
