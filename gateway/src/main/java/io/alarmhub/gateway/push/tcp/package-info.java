/**
 * PushServer (port 9800): the push protocol as newline-terminated JSON over plain TCP, for door units
 * and apps that cannot speak WebSocket or Socket.IO.
 *
 * <p>{@link io.alarmhub.gateway.push.tcp.PushLineDecoder} cuts the byte stream into bounded lines and
 * parses each into a {@link io.alarmhub.gateway.push.tcp.PushLine}, never failing up the pipeline;
 * {@link io.alarmhub.gateway.push.tcp.PushTcpHandler} hands requests to the transport-neutral
 * {@link io.alarmhub.gateway.push.protocol.PushSession}. The WebSocketServer's {@code /ws} path runs the
 * same handler behind a frame decoder, which is why the line model and metrics live here.
 */
package io.alarmhub.gateway.push.tcp;
