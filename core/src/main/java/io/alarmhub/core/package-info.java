/**
 * The heart of alarmhub, free of Netty and JDBC: the message model ({@code message}), the store SPI
 * ({@code store}), the delivery engine that tracks who is online and what each receiver still owes an
 * acknowledgement for ({@code delivery}), and the app tokens of the REST API ({@code auth}).
 */
package io.alarmhub.core;
