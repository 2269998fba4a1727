/** Human-readable numbers (durations, bytes, shares) for evidence sentences and the text report. */
package io.perfagent.analysis.text;
