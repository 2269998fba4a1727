package io.perfagent.analyzer.dashboard;

import io.perfagent.analysis.report.JsonWriter;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.StoreException;

/**
 * {@code GET /api/changes}: {@code {"stamp": "..."}}, an opaque string that changes whenever
 * what the dashboard shows may have changed: a run stored or deleted, an alert or a regression
 * written (by this analyzer or another one sharing the database). The page polls it (every 2 s) and reads the
 * views again only when it differs, so an idle dashboard costs one small query per poll.
 */
public final class Changes {

  private Changes() {}

  /** The answer's JSON. */
  public static String json(HistoryStore store) throws StoreException {
    return new JsonWriter(true).beginObject()
        .name("stamp").value("runs-" + Long.toHexString(store.runsStamp())
            + "-alerts-" + Long.toHexString(store.alertsStamp()))
        .endObject().toString();
  }
}
