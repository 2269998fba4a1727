/**
 * Helpers the analyzer's packages share; not API.
 */
package io.perfagent.analyzer.internal;
