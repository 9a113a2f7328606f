/** Logging helpers: a warning that repeats on every request is written at most once per interval. */
package io.alarmhub.core.log;
