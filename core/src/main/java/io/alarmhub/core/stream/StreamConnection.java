package io.alarmhub.core.stream;

/**
 * One connection of an enterprise back end, as {@link EnterpriseStreams} sees it; the transport implements it.
 *
 * <p>Calls come from any thread (the store's commit thread, the dispatcher's scheduler, the transport's
 * own thread), always under the enterprise's lock, so they must not block. The transport must put
 * {@link #loginResult} and {@link #send} on the wire in the order they are called, whatever thread calls
 * them (Netty: always through the channel's event loop queue, never a direct write from the loop).
 */
public interface StreamConnection {

    /**
     * Answers the login. Called once, before any {@link #send}; on failure the connection closes after
     * the answer is written.
     */
    void loginResult(LoginResult result);

    /**
     * Writes one event. Returns false when the connection can no longer take it (closed): the event then
     * stays queued and nothing more is sent to this connection.
     */
    boolean send(StreamEvent event);

    /** False once the connection is closed or closing. */
    boolean isOpen();

    /** Closes the connection; the transport then reports it with {@link EnterpriseStreams#closed}. */
    void close();
}
