package io.alarmhub.bench.peer;

/** The receivers and the publishers of one scenario run on one system. */
public interface Link extends AutoCloseable {

    /**
     * Writes publish {@code seq} (to receiver {@code seq % receivers}, or to the topic) with this body, on
     * publisher {@code publisher}'s connection. Each publisher is written by one thread only.
     */
    void publish(int publisher, int seq, String body) throws Exception;

    /** Publishes the system refused or failed, and errors its receivers were told. */
    long errors();

    @Override
    void close();
}
