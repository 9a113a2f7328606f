package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;

import java.util.Objects;

/**
 * A node and its connection counts, under the names {@code /info} gives them.
 *
 * @param webSocketSize open WebSocketServer connections
 * @param channelSize   open PushServer (TCP) connections
 * @param onlineAllSize distinct aliases attached on any face
 * @param socketIOSize  open SocketIoServer connections
 */
public record NodeLoad(PushNode node, int webSocketSize, int channelSize, int onlineAllSize, int socketIOSize) {

    public NodeLoad {
        Objects.requireNonNull(node, "node");
    }

    /** The counts of this node, read from its presence now. */
    public static NodeLoad of(PushNode node, Presence presence) {
        return new NodeLoad(node,
                presence.connections(Face.WEBSOCKET),
                presence.connections(Face.TCP),
                presence.onlineAliases(),
                presence.connections(Face.SOCKET_IO));
    }

    /** Open connections on every face: what the least-loaded choice compares. */
    public long connections() {
        return (long) webSocketSize + channelSize + socketIOSize;
    }
}
