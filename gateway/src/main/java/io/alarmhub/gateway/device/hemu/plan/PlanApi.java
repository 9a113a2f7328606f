package io.alarmhub.gateway.device.hemu.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * The operators' plan route, {@code /hemu/admin/plan/{deviceId}/{token}} (registered with
 * {@code HemuAppApi.registerAdmin}, which answers only operators' apps):
 * <pre>
 * GET  …/plan/{deviceId}/{token}                                    → the camera's plan
 * POST …/plan/{deviceId}/{token}  {"deviceStatus":1,"serviceDays":30,"thumbnails":{"span":60,"width":640,"height":360}}
 *                                                                   → the plan as changed, and "told"
 * </pre>
 * The plan answered: {@code deviceId}, {@code connected}, {@code deviceStatus} with its word as {@code plan},
 * {@code serviceDays}, {@code thumbnails}, and under {@code source} whether each of those is the camera's
 * {@code own} or the {@code default}. A change adds {@code told}: {@code now} when the camera's live connection was
 * told at once, {@code next_login} otherwise. Refusals are the RestServer's {@code {"t":0,"error":…}}: 400 a bad
 * body or value, 404 a camera that is not registered, 405 another method, 503 the store cannot take the change.
 */
public final class PlanApi implements AppApi {

    private static final String ROUTE = "hemu_admin_plan";
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");

    private final Plans plans;
    private final HemuMetrics metrics;

    public PlanApi(Plans plans, HemuMetrics metrics) {
        this.plans = plans;
        this.metrics = metrics;
    }

    /** {@code request.path()} is {@code ["plan", deviceId]}. */
    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        if (path.size() != 2) {
            return done(AppAnswer.refused(404, ROUTE, "not_found", "not found: /hemu/admin/plan/{deviceId}/{token}"));
        }
        String deviceId = path.get(1);
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            return done(AppAnswer.refused(400, ROUTE, "device_id", "deviceId: not 15 digits"));
        }
        return switch (request.method()) {
            case "GET" -> done(plans.registered(deviceId) ? AppAnswer.ok(ROUTE, view(deviceId))
                    : notFound(deviceId));
            case "POST" -> change(deviceId, request);
            default -> done(AppAnswer.refused(405, ROUTE, "method", "method not allowed, use GET or POST"));
        };
    }

    private CompletableFuture<AppAnswer> change(String deviceId, AppRequest request) {
        PlanRequest change;
        try {
            change = PlanRequest.read(request.body());
        } catch (PlanRequest.Invalid invalid) {
            return done(AppAnswer.refused(400, ROUTE, "body", invalid.getMessage()));
        }
        return plans.change(deviceId, change, request.appId())
                .thenApply(changed -> AppAnswer.ok(ROUTE, view(deviceId, changed.plan(), changed.own(),
                        plans.connected(deviceId)).put("told", changed.told() ? "now" : "next_login")))
                .exceptionally(failure -> failure(deviceId, failure));
    }

    private ObjectNode view(String deviceId) {
        return view(deviceId, plans.planOf(deviceId), plans.own(deviceId), plans.connected(deviceId));
    }

    private static ObjectNode view(String deviceId, CameraPlan plan, OwnPlan own, boolean connected) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("deviceId", deviceId).put("connected", connected)
                .put("deviceStatus", plan.status().code()).put("plan", plan.status().word())
                .put("serviceDays", plan.serviceDays());
        Thumbnails t = plan.thumbnails();
        json.putObject("thumbnails").put("span", t.span()).put("width", t.width()).put("height", t.height());
        json.putObject("source").put("deviceStatus", source(own.status().isPresent()))
                .put("serviceDays", source(own.serviceDays().isPresent()))
                .put("thumbnails", source(own.thumbnails().isPresent()));
        return json;
    }

    private static String source(boolean own) {
        return own ? "own" : "default";
    }

    private AppAnswer failure(String deviceId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PlatformException refused
                && refused.reason() == PlatformException.Reason.NOT_FOUND) {
            return notFound(deviceId);
        }
        if (cause instanceof StoreException) {
            metrics.busy("store");
            return AppAnswer.failed(503, ROUTE, "storage unavailable, try again");
        }
        throw new CompletionException(cause);
    }

    private static AppAnswer notFound(String deviceId) {
        return AppAnswer.refused(404, ROUTE, "not_found", "no camera " + deviceId);
    }

    private static CompletableFuture<AppAnswer> done(AppAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
