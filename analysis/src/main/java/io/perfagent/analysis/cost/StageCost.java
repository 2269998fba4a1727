package io.perfagent.analysis.cost;

/** @param money NaN when no price is configured */
public record StageCost(String stage, double coreSeconds, double money) {}
