package io.alarmhub.gateway.device.hemu.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What operators set for one camera, value by value; what they left alone follows the configuration. Stored as a
 * vendor record of kind {@code plan}, keyed by {@code deviceId}:
 * {@code {"deviceStatus":1,"serviceDays":30,"thumbnails":{"span":60,"width":640,"height":360}}}, each only when
 * set. The thumbnails are one value: type 9 tells all three together.
 */
public record OwnPlan(Optional<PlanStatus> status, OptionalInt serviceDays, Optional<Thumbnails> thumbnails) {

    /** Nothing of its own: the configured plan. */
    public static final OwnPlan NONE = new OwnPlan(Optional.empty(), OptionalInt.empty(), Optional.empty());

    /** This camera's plan: its own values, {@code defaults}' for the rest. */
    public CameraPlan over(CameraPlan defaults) {
        return new CameraPlan(status.orElse(defaults.status()), serviceDays.orElse(defaults.serviceDays()),
                thumbnails.orElse(defaults.thumbnails()));
    }

    /**
     * With an operator's change: the values it gives become the camera's own; thumbnail sizes it leaves out are
     * those the camera has now ({@code current}), so that {@code {"thumbnails":{"span":0}}} stops them as they are.
     */
    public OwnPlan with(PlanRequest change, CameraPlan current) {
        Optional<Thumbnails> pictures = thumbnails;
        if (change.touchesThumbnails()) {
            Thumbnails now = current.thumbnails();
            pictures = Optional.of(new Thumbnails(change.span().orElse(now.span()), change.width().orElse(now.width()),
                    change.height().orElse(now.height())));
        }
        return new OwnPlan(change.status().or(() -> status),
                change.serviceDays().isPresent() ? change.serviceDays() : serviceDays, pictures);
    }

    /** As stored. */
    public ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        status.ifPresent(s -> json.put("deviceStatus", s.code()));
        serviceDays.ifPresent(d -> json.put("serviceDays", d));
        thumbnails.ifPresent(t -> json.putObject("thumbnails").put("span", t.span()).put("width", t.width())
                .put("height", t.height()));
        return json;
    }

    /**
     * From what {@link #json()} stored. A value that is not one this writes (a record edited by hand) is taken as
     * not set, so that the camera gets the configured one rather than the server failing to start.
     */
    public static OwnPlan of(JsonNode json) {
        Optional<PlanStatus> status = Optional.of(json.path("deviceStatus")).filter(JsonNode::isIntegralNumber)
                .flatMap(code -> PlanStatus.of(code.asLong()));
        JsonNode days = json.path("serviceDays");
        OptionalInt serviceDays = days.isIntegralNumber() && days.canConvertToInt() && days.asInt() >= 0
                ? OptionalInt.of(days.asInt()) : OptionalInt.empty();
        JsonNode t = json.path("thumbnails");
        Optional<Thumbnails> thumbnails = Optional.empty();
        if (whole(t.path("span"), 0) && whole(t.path("width"), 1) && whole(t.path("height"), 1)) {
            thumbnails = Optional.of(new Thumbnails(t.path("span").asInt(), t.path("width").asInt(),
                    t.path("height").asInt()));
        }
        return new OwnPlan(status, serviceDays, thumbnails);
    }

    private static boolean whole(JsonNode value, int min) {
        return value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= min;
    }
}
