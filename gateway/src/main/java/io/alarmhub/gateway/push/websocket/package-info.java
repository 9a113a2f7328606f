/**
 * WebSocketServer (port 9000): capture rooms, intercom pairs, and the push protocol for browsers.
 *
 * <p>One HTTP request per connection, routed by its path before the upgrade
 * ({@link io.alarmhub.gateway.push.websocket.WebSocketRoute}): {@code /ws} speaks the PushServer protocol
 * in text frames; {@code /{r}/{d}} joins capture room {@code r} (door and wall units {@code d=0} send
 * pictures to phones {@code d=1}, phones answer); {@code /{r}/{d}/{device}} joins intercom {@code r}
 * (caller {@code d=0}, callee {@code d=1}). Room frames are relayed as they came, text or binary, by
 * {@link io.alarmhub.gateway.push.websocket.RoomPeerHandler}; the rooms themselves, and the counts that
 * PushServer type 7 reports, are in {@link io.alarmhub.gateway.push.websocket.RoomRegistry}.
 *
 * <p>Where the protocol is silent:
 * <ul>
 *   <li>A fragmented message is joined before it is read or relayed (at most {@code maxFrameBytes} in all,
 *       else the sender is closed with 1009), so that fragments from two senders never interleave at a
 *       receiver; receivers get it as one frame of the original type.</li>
 *   <li>An intercom is not exclusive: every peer on the other side gets the frames, so a household's two
 *       phones can both answer, and a peer reconnecting before its old connection times out is not refused.</li>
 *   <li>A receiver past its write watermark misses relayed frames ({@code alarmhub.push.relay_dropped});
 *       nothing is queued for it.</li>
 *   <li>A connection from which nothing arrives for half the idle timeout is pinged; after the whole
 *       timeout it is closed. Pongs count, so listening phones and browsers stay connected.</li>
 * </ul>
 */
package io.alarmhub.gateway.push.websocket;
