/**
 * The runnable server: the command line ({@link io.alarmhub.server.Main}), and {@link io.alarmhub.server.Node},
 * which wires the store, the delivery hub and every listener of one alarmhub process.
 */
package io.alarmhub.server;
