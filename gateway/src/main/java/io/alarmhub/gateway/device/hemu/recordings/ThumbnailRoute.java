package io.alarmhub.gateway.device.hemu.recordings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.app.OwnerQueries;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /hemu/thumbnail/{deviceId}/{token}?alias=…}: the camera's latest thumbnail,
 * {@code {"deviceId":…,"time":"<when the camera took it>","url":"<signed URL>"}}, or 404 when it has sent none
 * since this node started. Only the camera's owner reads it.
 */
public final class ThumbnailRoute implements AppApi {

    public static final String ROUTE = "hemu_thumbnail";

    private final CameraDirectory directory;
    private final CameraThumbnails thumbnails;
    private final String vendor;

    public ThumbnailRoute(CameraDirectory directory, CameraThumbnails thumbnails, String vendor) {
        this.directory = directory;
        this.thumbnails = thumbnails;
        this.vendor = vendor;
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        try {
            if (path.size() != 2 || !request.method().equals("GET")) {
                return CompletableFuture.completedFuture(AppAnswer.refused(404, ROUTE, "not_found", "not found"));
            }
            DeviceId device = OwnerQueries.owned(directory, vendor, request.query(), path.get(1));
            return thumbnails.latest(device.id()).thenApply(latest -> latest.map(t -> AppAnswer.ok(ROUTE,
                    JsonNodeFactory.instance.objectNode().put("deviceId", device.id())
                            .put("time", t.time().toString()).put("url", t.url())))
                    .orElseGet(() -> AppAnswer.refused(404, ROUTE, "not_found", "no thumbnail of camera "
                            + device.id() + " yet")))
                    .exceptionally(ThumbnailRoute::failure);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(busy());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(OwnerQueries.failure(ROUTE, e));
        }
    }

    private static AppAnswer failure(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RejectedExecutionException ? busy() : OwnerQueries.failure(ROUTE, failure);
    }

    private static AppAnswer busy() {
        return AppAnswer.failed(503, ROUTE, "thumbnails are busy, try again");
    }
}
