/**
 * The REST API: a thin JSON layer over the history store, its OpenAPI document, and the
 * Prometheus {@code /metrics} endpoint. A dashboard is a client of the same API.
 */
package io.perfagent.analyzer.api;
