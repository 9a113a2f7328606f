package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * One shape of a command's {@code requestParams}: read from what an app sent, every value checked against the
 * document's ranges, and written anew as the camera gets it (nothing an app sent reaches a camera unread).
 */
public sealed interface Params permits ChoiceParams, RangeParams, PtzPositionParams, MotionRegionsParams, WifiParams,
        ScheduleParams, PersonRegionsParams, PanoramaParams, NoParams {

    /** How the app wrote the command. */
    enum Form {
        /** {@code {"command":"night_vision","value":"auto"}}: the parameters beside the name, words for meanings. */
        NAMED,
        /** {@code {"request":1793,"subRequest":21,"requestParams":{"value":2}}}: the document's own numbers. */
        RAW
    }

    /**
     * The {@code requestParams} the camera gets.
     *
     * @param source the command object (named) or its {@code requestParams} (raw)
     * @param where  how refusals name the command, e.g. {@code night_vision} or {@code 1793/21}
     * @throws io.alarmhub.gateway.command.CommandRefusal {@code BAD_COMMAND}, naming the field and what it allows
     */
    ObjectNode read(JsonNode source, Form form, String where);

    /** The fields a raw {@code requestParams} may have; any other is refused rather than dropped unseen. */
    Set<String> fields();
}
