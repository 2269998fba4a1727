/**
 * The run history behind one small interface, {@link io.perfagent.analyzer.store.HistoryStore}:
 * SQLite by default, PostgreSQL by JDBC URL, schema versioned with Flyway migrations.
 */
package io.perfagent.analyzer.store;
