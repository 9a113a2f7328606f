package io.alarmhub.core.delivery;

import io.alarmhub.core.message.Message;

/** One connection of an alias on one face, as the hub sees it. */
public interface Receiver {

    String alias();

    Face face();

    /**
     * Writes a pushed message to the connection without waiting for the write.
     *
     * @return false when the connection is past its write watermark: the hub then stops delivering to it
     *     until the face calls {@link PushHub#resume(Receiver)}; the message stays pending in the store
     */
    boolean deliver(Message message);
}
