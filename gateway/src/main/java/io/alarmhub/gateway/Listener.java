package io.alarmhub.gateway;

import java.net.InetSocketAddress;

/** One listening socket of the node: a push face, a device adapter or the enterprise stream. */
public interface Listener extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code push-tcp}. */
    String name();

    /**
     * What an operator needs to know besides the address, for the node's one line about this listener
     * ({@code device-vstarcam listening on 0.0.0.0:9920 (heartbeats to /vstarcam/heartbeat, ...)}); empty
     * when the address says it all.
     */
    default String detail() {
        return "";
    }

    /** Binds and starts accepting; returns the address actually bound (port 0 picks a free port). */
    InetSocketAddress start();

    /** Stops accepting and closes the connections it has. */
    @Override
    void close();
}
