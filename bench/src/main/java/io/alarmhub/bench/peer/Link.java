package io.alarmhub.bench.peer;

/** The receivers and the publisher of one scenario run on one system. */
public interface Link extends AutoCloseable {

    /** Writes publish {@code seq} (to receiver {@code seq % receivers}, or to the topic) with this body. */
    void publish(int seq, String body) throws Exception;

    /** Publishes the system refused or failed, and errors its receivers were told. */
    long errors();

    @Override
    void close();
}
