package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.command.CommandRefusal.Reason;
import io.alarmhub.gateway.command.DeviceCommander;
import io.alarmhub.gateway.json.NetworkJson;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * {@code POST /hemu/command/{deviceId}/{token}} with {@code {"alias":"alice", …a named or raw command…}}: the
 * camera's answer, 200 {@code {"deviceId":…,"command":…,"request":…,"subRequest":…,"response":…,
 * "responseParams":…}}; a refusal in the RestServer's error shape with the reason's word,
 * {@code {"t":0,"error":"…","reason":"not_capable"}}, and the reason's status (400, 403, 404, 409, 503, 504);
 * 503 {@code {"t":0,"error":"storage unavailable, try again"}} when the camera acknowledged a setting the store
 * could not keep.
 */
public final class CommandRoute implements AppApi {

    /** The route's name in the RestServer's metrics. */
    public static final String ROUTE = "hemu_command";

    private static final Pattern ALIAS = Pattern.compile("\\S{1,128}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final String JSON = "application/json; charset=utf-8";

    private final DeviceCommander commander;

    public CommandRoute(DeviceCommander commander) {
        this.commander = commander;
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        if (path.size() != 2 || !path.get(0).equals("command")) {
            return CompletableFuture.completedFuture(AppAnswer.refused(404, ROUTE, "not_found", "not found"));
        }
        if (!request.method().equals("POST")) {
            return CompletableFuture.completedFuture(AppAnswer.refused(405, ROUTE, "method", "POST only"));
        }
        try {
            String deviceId = path.get(1);
            if (!DEVICE_ID.matcher(deviceId).matches()) {
                throw new CommandRefusal(Reason.UNKNOWN_DEVICE, "a deviceId is 15 digits");
            }
            JsonNode body = body(request.body());
            JsonNode alias = body.path("alias");
            if (!alias.isTextual() || !ALIAS.matcher(alias.asText()).matches()) {
                throw new CommandRefusal(Reason.BAD_COMMAND, "alias: missing, or not an alias");
            }
            return commander.send(alias.asText(), deviceId, body)
                    .thenApply(answer -> AppAnswer.ok(ROUTE, answer))
                    .exceptionally(CommandRoute::failure);
        } catch (CommandRefusal refusal) {
            return CompletableFuture.completedFuture(refused(refusal));
        }
    }

    private static AppAnswer failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CommandRefusal refusal) {
            return refused(refusal);
        }
        if (cause instanceof StoreException) {
            return AppAnswer.failed(503, ROUTE, "storage unavailable, try again");
        }
        throw new CompletionException(cause);
    }

    /**
     * The RestServer's error shape and the reason's word; a fault (counted as a bad request) for the 4xx
     * reasons, none for busy, offline and timeout, which are not the request's fault.
     */
    static AppAnswer refused(CommandRefusal refusal) {
        Reason reason = refusal.reason();
        byte[] body = JsonNodeFactory.instance.objectNode().put("t", 0).put("error", refusal.getMessage())
                .put("reason", reason.word()).toString().getBytes(StandardCharsets.UTF_8);
        return new AppAnswer(reason.status(), JSON, body, ROUTE,
                reason.status() < 500 ? Optional.of(reason.word()) : Optional.empty());
    }

    private static JsonNode body(String text) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(text);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JsonProcessingException | NumberFormatException e) {
            // NumberFormatException: a number beyond BigDecimal (an exponent overflow), which the reader lets out
            // refused below
        }
        throw new CommandRefusal(Reason.BAD_COMMAND, "the body is a JSON object: {\"alias\":…,\"command\":…} or"
                + " {\"alias\":…,\"request\":…,\"subRequest\":…,\"requestParams\":{…}}");
    }
}
