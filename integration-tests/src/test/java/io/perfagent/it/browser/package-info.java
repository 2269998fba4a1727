/**
 * A page in the real headless Chromium for integration tests, over the one DevTools-protocol
 * helper of the build ({@code io.perfagent.analysis.testing.Chromium}, from perf-analysis'
 * test jar): navigate, wait for a condition, read values, take screenshots.
 */
package io.perfagent.it.browser;
