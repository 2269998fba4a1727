/**
 * What the OTLP/HTTP receiver and the REST API share: the JDK's HTTP server with a bounded
 * executor, and the bearer-token check.
 */
package io.perfagent.analyzer.http;
