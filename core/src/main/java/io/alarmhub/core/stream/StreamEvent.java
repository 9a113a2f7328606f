package io.alarmhub.core.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message of an enterprise's stream.
 *
 * @param deliveryId  the store's id, sent as {@code delivery_id} and echoed by {@code enterprise_event_ack}
 * @param availableAt not sent before this instant (an alarm's clear follows its raise)
 * @param body        the message's JSON object without {@code cmd} and {@code delivery_id}, which are
 *                    added when it is sent ({@link #message()})
 */
public record StreamEvent(long deliveryId, String enterprise, Instant availableAt, String body) {

    public StreamEvent {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(availableAt, "availableAt");
        Objects.requireNonNull(body, "body");
        if (!body.startsWith("{")) {
            throw new IllegalArgumentException("a stream event body is a JSON object");
        }
    }

    /** The line as sent: {@code {"cmd":"enterprise_event_push","delivery_id":…,…}}, without the newline. */
    public String message() {
        String rest = body.substring(1);
        return "{\"cmd\":\"enterprise_event_push\",\"delivery_id\":" + deliveryId
                + (rest.equals("}") ? "}" : "," + rest);
    }

    /** An event still to be stored: the store assigns its delivery id. */
    public record Draft(Instant availableAt, Instant expiresAt, String body) {
        public Draft {
            Objects.requireNonNull(availableAt, "availableAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(body, "body");
        }
    }
}
