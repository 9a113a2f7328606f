package io.alarmhub.gateway.device.hemu.app;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * What the app routes that read a camera's records share: {@code alias} must own the camera (any other alias gets
 * 404, as for a camera that does not exist), times are RFC 3339 or UTC seconds, {@code limit} is bounded, and a
 * refusal is answered in the RestServer's error shape.
 */
public final class OwnerQueries {

    private static final Pattern ALIAS = Pattern.compile("\\S{1,128}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private OwnerQueries() {
    }

    /** The camera, when the query's {@code alias} owns it. */
    public static DeviceId owned(CameraDirectory directory, String vendor, Map<String, String> query,
                                 String deviceId) {
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new Refusal("deviceId: not a valid deviceId");
        }
        String alias = Optional.ofNullable(query.get("alias")).filter(a -> ALIAS.matcher(a).matches())
                .orElseThrow(() -> new Refusal("alias: missing, or not a valid alias"));
        if (directory.camera(deviceId).filter(c -> c.owner().equals(alias)).isEmpty()) {
            throw new NotFound("no camera " + deviceId + " of " + alias);
        }
        return new DeviceId(vendor, deviceId);
    }

    /** An RFC 3339 time, or UTC seconds; between the years 2000 and 9999. */
    public static Optional<Instant> instant(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = SECONDS.matcher(value).matches() ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(name + ": an RFC 3339 time (2026-12-07T10:00:00Z) or UTC seconds");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new Refusal(name + ": between the years 2000 and 9999");
        }
        return Optional.of(instant);
    }

    /** {@code limit}: 1 to {@code max}, {@code max} when absent. */
    public static int limit(Map<String, String> query, int max) {
        String value = query.get("limit");
        if (value == null) {
            return max;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw new Refusal("limit: a number from 1 to " + max);
        }
        return Integer.parseInt(value);
    }

    /** The answer to a refusal (400), an unknown camera (404) or a store that failed (503). */
    public static AppAnswer failure(String route, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof Refusal) {
            return AppAnswer.refused(400, route, "query", cause.getMessage());
        }
        if (cause instanceof NotFound) {
            return AppAnswer.refused(404, route, "not_found", cause.getMessage());
        }
        if (cause instanceof StoreException) {
            return AppAnswer.failed(503, route, "storage unavailable, try again");
        }
        throw new CompletionException(cause);
    }

    /** A query refused 400; its message is the answer's {@code error}, never a value sent. */
    public static final class Refusal extends RuntimeException {
        public Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** No such camera of the alias, or no such record of it: 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
