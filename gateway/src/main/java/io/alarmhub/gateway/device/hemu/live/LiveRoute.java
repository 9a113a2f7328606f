package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.json.NetworkJson;
import io.alarmhub.video.flv.AudioMode;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code POST /hemu/live/{deviceId}/{token}} with {@code {"alias":"alice","audio":"flac"}}: when the alias owns the
 * camera, 200 {@code {"flv":"http://…/live/{deviceId}.flv?audio=flac&expires=…&sig=…","ws":"ws://…",
 * "talk":"ws://…/talk/{deviceId}?expires=…&sig=…","expires":…}} ({@code expires} in Unix seconds; {@code talk} is
 * where the owner's voice goes to the camera's speaker, see {@link TalkRouter}); refusals in the RestServer's error shape, 400, 403 or 404. {@code audio} is
 * {@code flac} (the default, for browsers), {@code alaw}, {@code none} or {@code flac_ffmpeg} (FLAC as FFmpeg-based
 * players read it). The camera need not be connected yet: the URL is checked, and the camera looked up, when a viewer
 * connects.
 */
public final class LiveRoute implements AppApi {

    /** The route's name in the RestServer's metrics. */
    public static final String ROUTE = "hemu_live";

    private static final Pattern ALIAS = Pattern.compile("\\S{1,128}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");

    private final LiveAccess access;
    private final LiveUrls urls;

    public LiveRoute(LiveAccess access, LiveUrls urls) {
        this.access = access;
        this.urls = urls;
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        return CompletableFuture.completedFuture(answerNow(request));
    }

    private AppAnswer answerNow(AppRequest request) {
        List<String> path = request.path();
        if (path.size() != 2 || !path.get(0).equals("live")) {
            return AppAnswer.refused(404, ROUTE, "not_found", "not found");
        }
        if (!request.method().equals("POST")) {
            return AppAnswer.refused(405, ROUTE, "method", "POST only");
        }
        String deviceId = path.get(1);
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            return AppAnswer.refused(404, ROUTE, "unknown_device", "a deviceId is 15 digits");
        }
        Optional<JsonNode> body = body(request.body());
        if (body.isEmpty()) {
            return AppAnswer.refused(400, ROUTE, "bad_request",
                    "the body is a JSON object: {\"alias\":…,\"audio\":\"flac\"}");
        }
        JsonNode alias = body.get().path("alias");
        if (!alias.isTextual() || !ALIAS.matcher(alias.asText()).matches()) {
            return AppAnswer.refused(400, ROUTE, "bad_request", "alias: missing, or not an alias");
        }
        JsonNode audioField = body.get().path("audio");
        Optional<AudioMode> audio = audioField.isMissingNode() ? Optional.of(LiveRequest.DEFAULT_AUDIO)
                : audioField.isTextual() ? LiveRequest.audioNamed(audioField.asText()) : Optional.empty();
        if (audio.isEmpty()) {
            return AppAnswer.refused(400, ROUTE, "bad_request", "audio: flac, alaw, none or flac_ffmpeg");
        }
        if (!access.owns(alias.asText(), deviceId)) {
            return AppAnswer.refused(403, ROUTE, "not_owner", "this alias does not own the camera");
        }
        LiveUrls.Links links = urls.links(deviceId, audio.get());
        return AppAnswer.ok(ROUTE, JsonNodeFactory.instance.objectNode().put("flv", links.flv())
                .put("ws", links.ws()).put("talk", links.talk()).put("expires", links.expires().getEpochSecond()));
    }

    private static Optional<JsonNode> body(String text) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(text);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (JsonProcessingException | NumberFormatException e) {
            // NumberFormatException: a number beyond BigDecimal (an exponent overflow), which the reader lets out
            return Optional.empty();
        }
    }
}
