/**
 * The analyzer's dashboard at {@code /} and its API docs at {@code /api/docs}: a fixed set of
 * static files served from the class path (the page, its scripts, the report's shared
 * front-end, uPlot, Swagger UI), each with its content type, caching headers and a strict
 * Content-Security-Policy, plus {@code GET /api/changes}, which the page polls to know when to
 * read again. The page holds no data: everything it shows it reads from the REST API, as any
 * other client would.
 *
 * <p>Everything here is non-null unless marked otherwise.
 */
package io.perfagent.analyzer.dashboard;
