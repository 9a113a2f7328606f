/**
 * The durable store behind {@link io.alarmhub.core.store.PushStore}: messages, pending entries, topic
 * registrations and seen aliases in a SQL database (SQLite by default, one file, no server to run).
 * It lives apart from core so that core stays free of JDBC, and so that another database can follow
 * with its own variant of the migration scripts in {@code db/migration}.
 */
package io.alarmhub.store;
