package io.alarmhub.gateway;

import java.net.InetSocketAddress;

/** One listening socket of the node: a push face, a device adapter or the enterprise stream. */
public interface Listener extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code push-tcp}. */
    String name();

    /** Binds and starts accepting; returns the address actually bound (port 0 picks a free port). */
    InetSocketAddress start();

    /** Stops accepting and closes the connections it has. */
    @Override
    void close();
}
