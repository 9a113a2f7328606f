package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One {@code DevAppCmd} of type 33 (5.2.9, 5.2.10): the command's {@code msg} JSON and the fields around it.
 *
 * @param srcDeviceId   who sends it: the camera echoes it as {@code dst_device_id} in its answer
 * @param id            the command's number ({@code id}, "valid when type is 33")
 * @param msgSession    the session the camera's answer names
 * @param request       1793 set, 1792 query, 1815 camera on/off, 4097 firmware upgrade
 * @param subRequest    the setting or query, for 1792 and 1793
 * @param msgVersion    1 for the commands whose examples carry it
 * @param requestParams the {@code requestParams} object
 * @param at            {@code msgTimeStamp}
 */
public record AppCommand(String srcDeviceId, int id, long msgSession, int request, OptionalInt subRequest,
                         OptionalInt msgVersion, ObjectNode requestParams, Instant at) {

    public AppCommand {
        Objects.requireNonNull(srcDeviceId, "srcDeviceId");
        requestParams = requestParams.deepCopy();
    }

    @Override
    public ObjectNode requestParams() {
        return requestParams.deepCopy();
    }

    /**
     * The {@code msg} text as 5.2.9 shows it: {@code msgSession}, {@code msgSequence} 0, {@code msgTimeStamp}
     * in milliseconds, {@code msgCategory} {@code camera} and {@code msgContent} with {@code request},
     * {@code subRequest} (when the command has one), {@code msgVersion} (when it has one) and
     * {@code requestParams}.
     */
    public String msg() {
        ObjectNode msg = JsonNodeFactory.instance.objectNode().put("msgSession", msgSession).put("msgSequence", 0)
                .put("msgTimeStamp", at.toEpochMilli()).put("msgCategory", "camera");
        ObjectNode content = msg.putObject("msgContent");
        msgVersion.ifPresent(v -> content.put("msgVersion", v));
        content.put("request", request);
        subRequest.ifPresent(s -> content.put("subRequest", s));
        content.set("requestParams", requestParams.deepCopy());
        return msg.toString();
    }
}
