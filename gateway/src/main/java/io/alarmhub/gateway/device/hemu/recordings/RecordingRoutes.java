package io.alarmhub.gateway.device.hemu.recordings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.Recording;
import io.alarmhub.core.store.RecordingKind;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.app.OwnerQueries;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /hemu/recordings/{deviceId}/{token}?alias=…[&from=…&to=…&kind=continuous|clip|sd_card&limit=…&after=…]}:
 * the camera's recordings and clips that overlap {@code [from, to)} (the last day by default), oldest first, each
 * with a signed URL that plays it (fragmented MP4, served with HTTP Range by the media listener) and, when the
 * range has more than a page, {@code after}: the value that reads on. Only the camera's owner reads them.
 */
public final class RecordingRoutes implements AppApi {

    public static final String ROUTE = "hemu_recordings";
    /** The most recordings a page holds: a day of minute-long segments is 1,440. */
    public static final int MAX_PAGE = 500;
    static final Duration DEFAULT_RANGE = Duration.ofDays(1);

    private final CameraDirectory directory;
    private final PushStore store;
    private final Function<String, Optional<String>> urls;
    private final String vendor;
    private final Clock clock;

    public RecordingRoutes(CameraDirectory directory, PushStore store, Function<String, Optional<String>> urls,
                           String vendor, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.urls = urls;
        this.vendor = vendor;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        try {
            if (path.size() != 2 || !request.method().equals("GET")) {
                return CompletableFuture.completedFuture(AppAnswer.refused(404, ROUTE, "not_found", "not found"));
            }
            Map<String, String> query = request.query();
            DeviceId device = OwnerQueries.owned(directory, vendor, query, path.get(1));
            Instant end = OwnerQueries.instant(query, "to").orElseGet(clock::instant);
            Instant start = OwnerQueries.instant(query, "from").orElseGet(() -> end.minus(DEFAULT_RANGE));
            if (!start.isBefore(end)) {
                throw new OwnerQueries.Refusal("from: must be before to");
            }
            CompletableFuture<StoreOp.RecordingPage> page = new CompletableFuture<>();
            store.submitOrFail(new StoreOp.LoadRecordings(device, start, end, kind(query), after(query),
                    OwnerQueries.limit(query, MAX_PAGE), page));
            return page.thenApply(p -> AppAnswer.ok(ROUTE, json(device, query, start, end, p)))
                    .exceptionally(failure -> OwnerQueries.failure(ROUTE, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(OwnerQueries.failure(ROUTE, e));
        }
    }

    private ObjectNode json(DeviceId device, Map<String, String> query, Instant start, Instant end,
                            StoreOp.RecordingPage page) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("deviceId", device.id())
                .put("alias", query.get("alias")).put("from", start.toString()).put("to", end.toString());
        ArrayNode list = json.putArray("recordings");
        for (Recording r : page.recordings()) {
            ObjectNode item = list.addObject().put("id", r.id()).put("kind", r.kind().name().toLowerCase(Locale.ROOT))
                    .put("start", r.start().toString()).put("end", r.end().toString())
                    .put("cameraStart", r.cameraStart().toString()).put("cameraEnd", r.cameraEnd().toString())
                    .put("video", r.videoCodec()).put("audio", r.audioCodec()).put("bytes", r.bytes())
                    .put("complete", r.complete());
            r.alarmRef().ifPresent(ref -> item.put("alarm", ref));
            urls.apply(r.mediaKey()).ifPresent(url -> item.put("url", url));
        }
        page.cursor().ifPresent(c -> json.put("after", Base64.getUrlEncoder().withoutPadding()
                .encodeToString((c.start().toEpochMilli() + "/" + c.id()).getBytes(StandardCharsets.UTF_8))));
        return json;
    }

    private static Optional<RecordingKind> kind(Map<String, String> query) {
        String value = query.get("kind");
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "continuous" -> Optional.of(RecordingKind.CONTINUOUS);
            case "clip" -> Optional.of(RecordingKind.CLIP);
            case "sd_card" -> Optional.of(RecordingKind.SD_CARD);
            default -> throw new OwnerQueries.Refusal("kind: continuous, clip or sd_card");
        };
    }

    /** The {@code after} of an earlier page: its cursor, base64url of {@code <start ms>/<id>}. */
    private static Optional<StoreOp.RecordingCursor> after(Map<String, String> query) {
        String value = query.get("after");
        if (value == null) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int slash = text.indexOf('/');
            if (value.length() > 200 || slash < 1 || slash == text.length() - 1) {
                throw new IllegalArgumentException("no cursor");
            }
            return Optional.of(new StoreOp.RecordingCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, slash))),
                    text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new OwnerQueries.Refusal("after: the value an earlier page gave");
        }
    }
}
