/**
 * The self-contained HTML report ({@code perf-report/index.html}):
 * {@link io.perfagent.analysis.html.HtmlReportWriter} embeds a {@code perf-report/1} JSON
 * document in one HTML file together with inline CSS and plain JavaScript that render it
 * (header, bottleneck cards with what-ifs, an SVG waterfall of the slowest run with the
 * critical path, a sortable stage table with each stage's latency histogram, alerts,
 * recommendations, resource charts and the agent block). The charts come from
 * {@code charts.js}, a small module of chart helpers over the uPlot library (inlined from its
 * webjar at build time), written to serve any page that shows the same data. The page makes
 * no network request of any kind. Everything is non-null unless marked otherwise.
 */
package io.perfagent.analysis.html;
