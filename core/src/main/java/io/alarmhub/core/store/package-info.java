/**
 * The store SPI. Every change a receiver relies on (a message, its pending entries, an ack, a topic
 * registration) is an {@link io.alarmhub.core.store.StoreOp} submitted to a {@link io.alarmhub.core.store.PushStore}.
 * Implementations apply operations one at a time in submission order, commit them in groups, and
 * complete each operation's result only after its group is durable.
 */
package io.alarmhub.core.store;
