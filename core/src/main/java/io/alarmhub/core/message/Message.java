package io.alarmhub.core.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One published message.
 *
 * @param id       unique id, sent to receivers as {@code mid} and echoed back in their acks
 * @param payload  the published {@code msg} as compact JSON text: its values exactly as sent, whitespace dropped
 * @param topic    the topic it was published to, empty when it was published to aliases
 * @param created  when the server accepted it
 * @param expires  after this instant it is no longer delivered; equal to {@code created} for a
 *                 message with {@code time_to_live} 0, which only reaches connections online now
 */
public record Message(String id, String payload, Optional<String> topic, Instant created, Instant expires) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }

    /** A message that is never stored: it reaches only the connections online when it is published. */
    public boolean onlineOnly() {
        return !expires.isAfter(created);
    }

    public boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }
}
