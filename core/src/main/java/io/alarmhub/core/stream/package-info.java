/**
 * The enterprise event stream (the vendor's "noti" 1.0): which enterprises a device's events belong to
 * ({@link io.alarmhub.core.stream.Enterprise}), how each normalized event becomes the stream's messages
 * ({@link io.alarmhub.core.stream.StreamEvents}), and the durable queue of those messages per enterprise,
 * fed in the same transaction as the device event ({@link io.alarmhub.core.stream.EnterpriseSink}).
 */
package io.alarmhub.core.stream;
