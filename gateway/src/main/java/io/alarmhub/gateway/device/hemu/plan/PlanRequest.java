package io.alarmhub.gateway.device.hemu.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.json.NetworkJson;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An operator's change of one camera's plan, read from the body of {@code POST /hemu/admin/plan/{deviceId}}:
 * <pre>
 * {"deviceStatus":1,"serviceDays":30,"thumbnails":{"span":60,"width":640,"height":360}}
 * </pre>
 * Each value is optional, but at least one is given; a value left out keeps what the camera has. Values are JSON
 * integers within their ranges; {@code deviceStatus} 44 is refused (unbinding tells a camera it is deleted), and
 * so is any name this does not know, so that a misspelt key is not silently ignored.
 *
 * @param status      {@code deviceStatus}, 0 to 3
 * @param serviceDays {@code serviceDays}, 0 to {@value #MAX_SERVICE_DAYS}
 * @param span        {@code thumbnails.span}, seconds, 0 (none) to {@value #MAX_SPAN}
 * @param width       {@code thumbnails.width}, {@value #MIN_SIDE} to {@value #MAX_WIDTH}
 * @param height      {@code thumbnails.height}, {@value #MIN_SIDE} to {@value #MAX_HEIGHT}
 */
public record PlanRequest(Optional<PlanStatus> status, OptionalInt serviceDays, OptionalInt span,
                          OptionalInt width, OptionalInt height) {

    /** A hundred years: more is a mistake, and the camera's field is a uint32 it may read as signed. */
    public static final int MAX_SERVICE_DAYS = 36_500;
    /** A day between two thumbnails at most. */
    public static final int MAX_SPAN = 86_400;
    /** Thumbnails are at most 4K UHD, and at least 16 pixels each way. */
    public static final int MAX_WIDTH = 3840;
    public static final int MAX_HEIGHT = 2160;
    public static final int MIN_SIDE = 16;

    /** {@code device_status} 44: the camera was deleted. */
    private static final int DELETED = 44;
    /** A name short and plain enough to be repeated in a refusal. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Set<String> FIELDS = Set.of("deviceStatus", "serviceDays", "thumbnails");
    private static final Set<String> THUMBNAIL_FIELDS = Set.of("span", "width", "height");

    /** Whether it changes the plan itself ({@code device_status} or {@code service_days}): type 7. */
    public boolean touchesPlan() {
        return status.isPresent() || serviceDays.isPresent();
    }

    /** Whether it changes the thumbnails: type 9. */
    public boolean touchesThumbnails() {
        return span.isPresent() || width.isPresent() || height.isPresent();
    }

    /**
     * Reads a request body.
     *
     * @throws Invalid saying what is wrong, in words that never repeat the body
     */
    public static PlanRequest read(String body) {
        JsonNode json;
        try {
            json = NetworkJson.standard().reader().readTree(body);
        } catch (JacksonException | NumberFormatException e) {
            // NumberFormatException: a number beyond BigDecimal (an exponent overflow), which the reader lets out
            throw new Invalid("the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("the body is a JSON object");
        }
        unknown(json, FIELDS, "");
        Optional<PlanStatus> status = Optional.empty();
        if (json.has("deviceStatus")) {
            JsonNode code = json.get("deviceStatus");
            if (code.isIntegralNumber() && code.canConvertToLong() && code.asLong() == DELETED) {
                throw new Invalid("deviceStatus: 44 (deleted) is no plan; unbinding a camera tells it so");
            }
            status = Optional.of(Optional.of(code).filter(JsonNode::isIntegralNumber).filter(JsonNode::canConvertToLong)
                    .flatMap(c -> PlanStatus.of(c.asLong())).orElseThrow(() -> new Invalid(
                            "deviceStatus: 0 (trial), 1 (cloud), 2 (expired) or 3 (event recording)")));
        }
        OptionalInt days = json.has("serviceDays")
                ? OptionalInt.of(integer(json.get("serviceDays"), "serviceDays", 0, MAX_SERVICE_DAYS))
                : OptionalInt.empty();
        OptionalInt span = OptionalInt.empty();
        OptionalInt width = OptionalInt.empty();
        OptionalInt height = OptionalInt.empty();
        if (json.has("thumbnails")) {
            JsonNode thumbnails = json.get("thumbnails");
            if (!thumbnails.isObject() || thumbnails.isEmpty()) {
                throw new Invalid("thumbnails: an object with span, width and/or height");
            }
            unknown(thumbnails, THUMBNAIL_FIELDS, "thumbnails.");
            span = optional(thumbnails, "span", "thumbnails.span", 0, MAX_SPAN);
            width = optional(thumbnails, "width", "thumbnails.width", MIN_SIDE, MAX_WIDTH);
            height = optional(thumbnails, "height", "thumbnails.height", MIN_SIDE, MAX_HEIGHT);
        }
        PlanRequest request = new PlanRequest(status, days, span, width, height);
        if (!request.touchesPlan() && !request.touchesThumbnails()) {
            throw new Invalid("nothing to change: give deviceStatus, serviceDays and/or thumbnails");
        }
        return request;
    }

    private static void unknown(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = PLAIN_NAME.matcher(name).matches() ? prefix + name : "a name";
                throw new Invalid(shown + ": unknown; the names are " + known.stream().sorted().toList());
            }
        }
    }

    private static OptionalInt optional(JsonNode object, String name, String label, int min, int max) {
        return object.has(name) ? OptionalInt.of(integer(object.get(name), label, min, max)) : OptionalInt.empty();
    }

    private static int integer(JsonNode value, String label, int min, int max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new Invalid(label + ": a whole number from " + min + " to " + max);
        }
        return (int) value.asLong();
    }

    /** A body this refuses: its message says why, and is what the operator is answered. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
