/**
 * The four push faces: {@code rest} (RestServer, 9900), {@code tcp} (PushServer, 9800),
 * {@code socketio} (SocketIoServer, 9906) and {@code websocket} (WebSocketServer, 9000). The request
 * types, replies and per-connection state they share live in {@code protocol}.
 */
package io.alarmhub.gateway.push;
