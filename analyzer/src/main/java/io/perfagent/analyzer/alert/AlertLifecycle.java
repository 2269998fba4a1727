package io.perfagent.analyzer.alert;

import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.slo.AlertLevel;
import io.perfagent.analyzer.store.AlertUpdate;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.store.StoredAlert;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation does to the stored alerts, condition by condition:
 *
 * <ul>
 *   <li>breached, no active alert: a new alert, open, once the condition has breached in
 *       {@link BreachStreaks#after()} evaluations in a row (first seen: the first of them,
 *       last seen now), so one noisy run opens none;
 *   <li>breached, an active alert: its evidence (value, threshold, text, run, last seen) is
 *       the new breach's; its level is the highest seen while it held, so a critical alert
 *       that eases to a warning stays critical (its text says the current level); a warning
 *       that turns critical is raised, and opened again with its acknowledgement cleared if
 *       it had been acknowledged (what was acknowledged was the lesser breach);
 *   <li>met, an active alert: resolved now; a later breach opens a new alert (again after as
 *       many evaluations in a row);
 *   <li>met, none: nothing.
 * </ul>
 *
 * Conditions the evaluation did not cover are left as they are.
 */
final class AlertLifecycle {

  private AlertLifecycle() {}

  /** Applies {@code checks} to the store; how many alerts were written. */
  static int apply(HistoryStore store, List<AlertCheck> checks, long nowMillis,
      BreachStreaks streaks) throws StoreException {
    if (checks.isEmpty()) {
      return 0;
    }
    Map<String, StoredAlert> active = new HashMap<>();
    for (StoredAlert a : store.alerts(StoredAlert.ACTIVE, checks.get(0).pipeline())) {
      active.put(AlertCheck.key(a.pipeline(), a.subject(), a.metric()), a);
    }
    int written = 0;
    for (AlertCheck c : checks) {
      StoredAlert stored = active.get(c.key());
      Alert b = c.breach();
      if (b == null) {
        streaks.met(c.key());
        if (stored != null) {
          store.resolveAlert(stored.id(), nowMillis);
          written++;
        }
        continue;
      }
      String text = AlertText.of(b, c.metric());
      if (stored == null) {
        long first = streaks.breached(c.key(), nowMillis);
        if (first < 0) {
          continue; // not yet breached in enough evaluations in a row
        }
        store.openAlert(new StoredAlert(0, c.pipeline(), c.subject(), c.metric(), b.rule(),
            b.level().id(), StoredAlert.OPEN, b.value(), b.threshold(), b.unit(), first,
            nowMillis, null, null, null, c.runId(), text));
      } else {
        boolean raised = b.level() == AlertLevel.CRITICAL
            && !stored.level().equals(AlertLevel.CRITICAL.id());
        String level = raised ? AlertLevel.CRITICAL.id() : stored.level();
        store.updateAlert(new AlertUpdate(stored.id(), level, b.value(), b.threshold(),
            nowMillis, c.runId(), text, raised));
      }
      written++;
    }
    return written;
  }
}
