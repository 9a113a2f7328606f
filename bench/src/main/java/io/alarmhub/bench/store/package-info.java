/**
 * The {@code store} scenario: the alarm path's core and SQLite store in the bench's own JVM, without a
 * network, to measure what one alarm costs the store's single writer at saturation, the floor under
 * every face's figure.
 */
package io.alarmhub.bench.store;
