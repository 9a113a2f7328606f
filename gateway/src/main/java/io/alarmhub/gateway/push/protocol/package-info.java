/**
 * The push protocol independent of transport: the typed requests ({@code t} 1, 2, 3, 4, -5, 6, 7, 8, 9,
 * 10, 14, and alarmhub's own 20 and 21), their replies, and
 * {@link io.alarmhub.gateway.push.protocol.PushSession}, the state and behaviour of one client connection.
 * PushServer lines, {@code /ws} text frames and Socket.IO events all decode into
 * {@link io.alarmhub.gateway.push.protocol.PushRequest} and are answered by the same code. Types 21 (prove
 * the alias with an alias token) and 20 (command a device through its vendor's
 * {@link io.alarmhub.gateway.command.DeviceCommander}) are handled per connection by {@code SessionCommands}.
 */
package io.alarmhub.gateway.push.protocol;
