/**
 * The SocketIoServer face (default port 9906) on netty-socketio.
 *
 * <p>Each event of the protocol ({@code heartbeat}, {@code register}, {@code get_topic}, {@code pull},
 * {@code push_c}, {@code do_push}) is read as the push request of its type and handled by the shared
 * {@link io.alarmhub.gateway.push.protocol.PushSession}; the answer goes out on the matching {@code *_c}
 * event, and on the socket.io ack callback too when the client asked for one. {@code info_status} is
 * answered here from the hub. alarmhub's own {@code prove_alias} and {@code device_command} are the push types
 * 21 and 20 (an alias proof, a device command) and are answered on {@code prove_alias_c} and
 * {@code device_command_c} the same way; the proof is an event rather than part of the handshake, so that a
 * refused or expired token has an answer and a client can prove again with a fresh token. Since {@code connect} and {@code disconnect} are reserved names in every
 * socket.io client, the alias comes from the handshake query ({@code alias=…}), the {@code auth} object of
 * v3/v4 clients, or the first {@code heartbeat}; the face then emits {@code connect_c} and replays what is
 * pending. Closing the socket is the disconnect.
 *
 * <p>Backpressure, and where it stops: netty-socketio offers {@code SocketIOClient.isWritable()} but no
 * event when a connection drains, and keeps every outgoing packet in a queue of its own. The face
 * therefore (1) refuses a push while a WebSocket connection is past its write watermark, or while a
 * long-polling client has {@code maxQueuedPackets} packets waiting for its next poll, so that the message
 * waits in the store; (2) adds a pipeline handler that stops reading a connection past its watermark and,
 * when it drains, resumes reading and paused pushes. A long-polling connection raises no such event: its
 * pushes resume at the client's next ping, pong or request, within one ping interval. Answers to requests
 * are always written; they are bounded by {@code maxInFlight} requests per connection and, on WebSocket,
 * by not reading past the watermark. A long-polling client's queue of answers is bounded only by that and
 * by the ping timeout.
 *
 * <p>Size limits: {@code maxFramePayload} bounds a WebSocket frame (a larger one closes the connection)
 * and {@code maxHttpContent} a long-polling request body. Per-message deflate is off, because Netty
 * inflates a compressed frame without a bound and the frame limit would apply to its compressed size.
 */
package io.alarmhub.gateway.push.socketio;
