package io.alarmhub.core.delivery;

/** The listeners through which apps and door units connect. */
public enum Face {
    /** PushServer: newline-terminated JSON over TCP (the protocol's "channel"). */
    TCP,
    /** SocketIoServer. */
    SOCKET_IO,
    /** WebSocketServer: rooms, intercom pairs, and the {@code /ws} push protocol. */
    WEBSOCKET
}
