package io.perfagent.analysis.report;

import java.util.List;

/** The whole analysis: what {@code report.json} and the text summary render. */
public record Report(List<PipelineReport> pipelines, ResourceReport resources, AgentInfo agent) {

  public static final String SCHEMA = "perf-report/1";

  public Report {
    pipelines = List.copyOf(pipelines);
  }
}
