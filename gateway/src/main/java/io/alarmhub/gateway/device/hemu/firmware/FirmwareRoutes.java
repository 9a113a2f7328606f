package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The operators' firmware routes, under {@code /hemu/admin/firmware/…/{token}} (only for the app ids in
 * {@code hemu.operator-apps}, which {@code HemuAppApi} checks before handing a request here):
 * <pre>
 * GET    packages                   → {"packages":[…]}
 * POST   packages                   {"serviceType","version","models","url"[,"checkSum","name"]} → {"package":…}
 *                                   {"serviceType","version","models","size"[,"checkSum","name"]} → {"upload","received":0,"size"}
 * POST   uploads/{upload}/{offset}  the piece's bytes in base64 → {"upload","received","size"}, the last {"package":…}
 * GET    packages/{id}              → {"package":…}
 * DELETE packages/{id}              → {"deleted":…}
 * GET    rollouts                   → {"rollouts":[…]} (without their devices)
 * POST   rollouts                   {"package","devices":[…]} or {"package","model"[,"version"]} → the rollout
 * GET    rollouts/{id}              → the rollout with each camera's update
 * POST   rollouts/{id}/cancel       → the rollout: its waiting cameras cancelled
 * </pre>
 * Uploads come in pieces because the RestServer's bodies are small ({@code rest.max-body-bytes}): a piece's
 * base64 must fit, and {@code alarmhub hemu firmware package add} sizes its pieces from the configuration.
 * Refusals are the RestServer's {@code {"t":0,"error":…}} with the status of their {@link FirmwareRefusal.Kind}.
 */
public final class FirmwareRoutes implements AppApi {

    private static final Logger log = LoggerFactory.getLogger(FirmwareRoutes.class);
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,18}");

    private final PackageShelf shelf;
    private final Rollouts rollouts;
    private final Manufacturers makers;
    private final long maxPackageBytes;

    FirmwareRoutes(PackageShelf shelf, Rollouts rollouts, Manufacturers makers, long maxPackageBytes) {
        this.shelf = shelf;
        this.rollouts = rollouts;
        this.makers = makers;
        this.maxPackageBytes = maxPackageBytes;
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path(); // firmware, …
        String route = path.size() < 2 ? "hemu_firmware" : "hemu_firmware_" + switch (path.get(1)) {
            case "packages", "uploads", "rollouts" -> path.get(1);
            default -> "none";
        };
        try {
            return route(route, request).exceptionally(failure -> failure(route, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(route, e));
        }
    }

    private CompletableFuture<AppAnswer> route(String route, AppRequest request) {
        List<String> path = request.path();
        String shape = request.method() + " " + String.join("/", path.subList(1, path.size())
                .stream().map(FirmwareRoutes::shape).toList());
        return switch (shape) {
            case "GET packages" -> done(route, packages());
            case "POST packages" -> register(route, request.body());
            case "GET packages/{}" -> done(route, object().set("package", found(path.get(2)).view()));
            case "DELETE packages/{}" -> shelf.delete(checked(path.get(2), FirmwareRequests.PACKAGE_ID, "package"),
                    rollouts::sends).thenApply(p -> AppAnswer.ok(route, object().put("deleted", p.id())));
            case "POST uploads/{}/{}" -> append(route, path.get(2), path.get(3), request.body());
            case "GET rollouts" -> done(route, rolloutList());
            case "POST rollouts" -> {
                FirmwareRequests.RolloutRequest start = FirmwareRequests.rolloutRequest(
                        FirmwareRequests.body(request.body()));
                yield rollouts.start(start.packageId(), start.selection())
                        .thenApply(r -> AppAnswer.ok(route, rollouts.view(r, true)));
            }
            case "GET rollouts/{}" -> done(route, rollouts.view(rollouts.find(path.get(2)), true));
            case "POST rollouts/{}/cancel" -> rollouts.cancel(path.get(2))
                    .thenApply(r -> AppAnswer.ok(route, rollouts.view(r, true)));
            default -> CompletableFuture.completedFuture(AppAnswer.refused(404, route, "not_found", "not found"));
        };
    }

    /** A path segment as the route table names it: fixed words as they are, ids as {@code {}}. */
    private static String shape(String segment) {
        return switch (segment) {
            case "packages", "uploads", "rollouts", "cancel" -> segment;
            default -> "{}";
        };
    }

    private ObjectNode packages() {
        ObjectNode json = object();
        ArrayNode list = json.putArray("packages");
        shelf.list().forEach(p -> list.add(p.view()));
        return json;
    }

    private ObjectNode rolloutList() {
        ObjectNode json = object();
        ArrayNode list = json.putArray("rollouts");
        rollouts.list().forEach(r -> list.add(rollouts.view(r, false)));
        return json;
    }

    private CompletableFuture<AppAnswer> register(String route, String body) {
        FirmwareRequests.PackageRequest request = FirmwareRequests.packageRequest(FirmwareRequests.body(body), makers,
                maxPackageBytes);
        if (request.source() instanceof FirmwareRequests.Source.FromUrl url) {
            return shelf.fetch(request.draft(), url.url()).thenApply(p -> AppAnswer.ok(route,
                    object().set("package", p.view())));
        }
        long size = ((FirmwareRequests.Source.Upload) request.source()).size();
        return shelf.begin(request.draft(), size).thenApply(upload -> AppAnswer.ok(route, partial(upload)));
    }

    private CompletableFuture<AppAnswer> append(String route, String upload, String offset, String body) {
        checked(upload, UPLOAD_ID, "upload");
        checked(offset, OFFSET, "offset");
        byte[] piece;
        try {
            piece = Base64.getDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw FirmwareRefusal.bad("the body is the piece's bytes in base64");
        }
        return shelf.append(upload, Long.parseLong(offset), piece).thenApply(appended ->
                appended instanceof PackageShelf.Appended.Complete complete
                        ? AppAnswer.ok(route, object().set("package", complete.registered().view()))
                        : AppAnswer.ok(route, partial((PackageShelf.Appended.Partial) appended)));
    }

    private static ObjectNode partial(PackageShelf.Appended.Partial upload) {
        return object().put("upload", upload.upload()).put("received", upload.received()).put("size", upload.size());
    }

    private FirmwarePackage found(String id) {
        return shelf.find(id).orElseThrow(() -> new FirmwareRefusal(FirmwareRefusal.Kind.NOT_FOUND,
                "no such package"));
    }

    private static String checked(String value, Pattern pattern, String name) {
        if (!pattern.matcher(value).matches()) {
            throw FirmwareRefusal.bad(name + ": not a valid " + name);
        }
        return value;
    }

    private static AppAnswer failure(String route, Throwable failure) {
        Throwable cause = PackageShelf.cause(failure);
        if (cause instanceof FirmwareRefusal refusal) {
            FirmwareRefusal.Kind kind = refusal.kind();
            return kind.status() >= 500 ? AppAnswer.failed(kind.status(), route, refusal.getMessage())
                    : AppAnswer.refused(kind.status(), route, kind.fault(), refusal.getMessage());
        }
        if (cause instanceof StoreException) {
            return AppAnswer.failed(503, route, "storage unavailable, try again");
        }
        log.error("hemu: firmware route {} failed", route, cause);
        return AppAnswer.failed(500, route, "internal error");
    }

    private static CompletableFuture<AppAnswer> done(String route, ObjectNode json) {
        return CompletableFuture.completedFuture(AppAnswer.ok(route, json));
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
