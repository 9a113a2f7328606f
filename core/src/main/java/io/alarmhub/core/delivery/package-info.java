/**
 * The delivery engine shared by every push face. {@link io.alarmhub.core.delivery.PushHub} stores a
 * publish, then hands it to every connection of every receiving alias; it replays what is pending when
 * an alias attaches, clears pending entries on ack, and pauses delivery to a connection that cannot keep
 * up (its messages wait in the store). A face adapts its connections to {@link io.alarmhub.core.delivery.Receiver}.
 */
package io.alarmhub.core.delivery;
