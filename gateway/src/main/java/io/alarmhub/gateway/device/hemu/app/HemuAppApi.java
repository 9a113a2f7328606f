package io.alarmhub.gateway.device.hemu.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;
import io.alarmhub.gateway.json.NetworkJson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Hemu routes of the RestServer, for app back ends acting for their users ({@code /hemu/…/{token}}):
 * <pre>
 * POST /hemu/grant/{token}              {"alias","mobile"}                          → userToken, expires, qr
 * POST /hemu/qr/{token}                 {"userMobile","userToken"[,"wifiSSID","wifiPassword"]} → image/png
 * POST /hemu/binding/{token}            {"alias","mobile","deviceId" or "deviceMacAddress"} → expires
 * GET  /hemu/cameras/{alias}/{token}                                                → the alias's cameras
 * POST /hemu/settings/{deviceId}/{token} {"alias","camRW":{…}}                       → the camera's camRW
 * POST /hemu/unbind/{deviceId}/{token}  {"alias"}                                   → {"unbound":deviceId}
 * POST /hemu/command/{deviceId}/{token} {"alias",…a command…}                      → the camera's answer
 * </pre>
 * and those registered by other parts of the platform ({@link #registerRoute}: people counts, statistics).
 * Refusals are the RestServer's {@code {"t":0,"error":…}} with 400, 404 or 503. Wi-Fi credentials go into the
 * QR image only: they are never stored or logged.
 *
 * <p>{@code /hemu/admin/{name}/…/{token}} are the operators' routes (plans, firmware): only a token of an app id
 * in {@code hemu.operator-apps} may use them (403 otherwise), and each {@code name} is answered by the
 * {@link AppApi} registered for it, given the path after {@code admin}.
 */
public final class HemuAppApi implements AppApi {

    private static final Pattern ALIAS = Pattern.compile("\\S{1,128}");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9]{5,20}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final int QR_PIXELS = 360;

    private final AccountCalls accounts;
    private final Supplier<String> openApi;
    private final Set<String> operatorApps;
    private final Map<String, AppApi> admin = new ConcurrentHashMap<>();
    private final Map<String, AppApi> routes = new ConcurrentHashMap<>();

    /**
     * @param openApi      the OpenAPI's address as cameras reach it ({@code https://host:port}), once it listens
     * @param operatorApps the app ids whose tokens may use {@code /hemu/admin/}
     */
    public HemuAppApi(AccountCalls accounts, Supplier<String> openApi, Set<String> operatorApps) {
        this.accounts = accounts;
        this.openApi = openApi;
        this.operatorApps = Set.copyOf(operatorApps);
    }

    /** Answers {@code /hemu/admin/{name}/…} with {@code api}; a name is registered once. */
    public void registerAdmin(String name, AppApi api) {
        if (admin.putIfAbsent(name, api) != null) {
            throw new IllegalStateException("the admin route " + name + " is registered twice");
        }
    }

    /**
     * Answers {@code /hemu/{name}/…} with {@code api}, given the whole path (a part of the platform with routes of
     * its own for app back ends, e.g. {@code people}); a name is registered once, and is none of this class's.
     */
    public void registerRoute(String name, AppApi api) {
        if (List.of("admin", "grant", "qr", "binding", "cameras", "settings", "unbind").contains(name)
                || routes.putIfAbsent(name, api) != null) {
            throw new IllegalStateException("the route " + name + " is registered twice");
        }
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        if (!path.isEmpty() && path.get(0).equals("admin")) {
            return admin(request);
        }
        AppApi own = path.isEmpty() ? null : routes.get(path.get(0));
        if (own != null) {
            return own.answer(request);
        }
        String route = path.isEmpty() ? "hemu" : "hemu_" + switch (path.get(0)) {
            case "grant", "qr", "binding", "cameras", "settings", "unbind" -> path.get(0);
            default -> "none";
        };
        try {
            return route(route, request).exceptionally(failure -> failure(route, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(route, e));
        }
    }

    private CompletableFuture<AppAnswer> admin(AppRequest request) {
        List<String> path = request.path();
        if (!operatorApps.contains(request.appId())) {
            return done(AppAnswer.refused(403, "hemu_admin", "operator",
                    "this app is not an operator's (hemu.operator-apps)"));
        }
        AppApi api = path.size() < 2 ? null : admin.get(path.get(1));
        if (api == null) {
            return done(AppAnswer.refused(404, "hemu_admin", "not_found", "not found"));
        }
        return api.answer(new AppRequest(request.method(), path.subList(1, path.size()), request.query(),
                request.body(), request.appId()));
    }

    private CompletableFuture<AppAnswer> route(String route, AppRequest request) {
        List<String> path = request.path();
        String shape = path.size() + " " + request.method() + " " + route;
        return switch (shape) {
            case "1 POST hemu_grant" -> grant(route, body(request));
            case "1 POST hemu_qr" -> done(qr(route, body(request)));
            case "1 POST hemu_binding" -> binding(route, body(request));
            case "2 GET hemu_cameras" -> done(cameras(route, checked(path.get(1), ALIAS, "alias")));
            case "2 POST hemu_settings" -> settings(route, path.get(1), body(request));
            case "2 POST hemu_unbind" -> unbind(route, path.get(1), body(request));
            default -> done(AppAnswer.refused(404, route, "not_found", "not found"));
        };
    }

    private CompletableFuture<AppAnswer> grant(String route, JsonNode body) {
        String alias = field(body, "alias", ALIAS);
        String mobile = field(body, "mobile", MOBILE);
        return accounts.grant(alias, mobile).thenApply(issued -> {
            ObjectNode json = object().put("userMobile", mobile).put("userToken", issued.userToken())
                    .put("expires", issued.grant().expires().toString());
            json.put("qr", new QrPayload(openApi.get(), mobile, issued.userToken(), Optional.empty(),
                    Optional.empty()).text());
            return AppAnswer.ok(route, json);
        });
    }

    private AppAnswer qr(String route, JsonNode body) {
        String mobile = field(body, "userMobile", MOBILE);
        String token = field(body, "userToken", Pattern.compile("[0-9a-f]{32}"));
        if (!accounts.grantIsLive(token, mobile)) {
            return AppAnswer.refused(404, route, "not_found", "no live registration token for this userMobile");
        }
        Optional<String> ssid = optional(body, "wifiSSID", 32);
        Optional<String> password = optional(body, "wifiPassword", 64);
        return AppAnswer.png(route, QrImage.png(new QrPayload(openApi.get(), mobile, token, ssid, password).text(),
                QR_PIXELS));
    }

    private CompletableFuture<AppAnswer> binding(String route, JsonNode body) {
        String alias = field(body, "alias", ALIAS);
        String mobile = field(body, "mobile", MOBILE);
        Optional<String> deviceId = body.has("deviceId")
                ? Optional.of(field(body, "deviceId", DEVICE_ID)) : Optional.empty();
        Optional<String> mac = body.has("deviceMacAddress")
                ? Optional.of(field(body, "deviceMacAddress", MAC).toLowerCase()) : Optional.empty();
        if (deviceId.isEmpty() && mac.isEmpty()) {
            throw refusal("deviceId or deviceMacAddress: one of them says which camera");
        }
        return accounts.startBinding(alias, mobile, deviceId, mac).thenApply(b -> AppAnswer.ok(route,
                object().put("alias", alias).put("expires", b.expires().toString())));
    }

    private AppAnswer cameras(String route, String alias) {
        ObjectNode json = object().put("alias", alias);
        ArrayNode cameras = json.putArray("cameras");
        accounts.cameras(alias).forEach(c -> cameras.add(CameraView.of(c, accounts.online(c))));
        return AppAnswer.ok(route, json);
    }

    private CompletableFuture<AppAnswer> settings(String route, String deviceId, JsonNode body) {
        checked(deviceId, DEVICE_ID, "deviceId");
        String alias = field(body, "alias", ALIAS);
        if (!body.path("camRW").isObject()) {
            throw refusal("camRW: an object of the settings to change");
        }
        return accounts.changeSettings(alias, deviceId, body.path("camRW")).thenApply(camera ->
                AppAnswer.ok(route, CameraView.of(camera, accounts.online(camera))));
    }

    private CompletableFuture<AppAnswer> unbind(String route, String deviceId, JsonNode body) {
        checked(deviceId, DEVICE_ID, "deviceId");
        String alias = field(body, "alias", ALIAS);
        return accounts.unbind(alias, deviceId).thenApply(x -> AppAnswer.ok(route, object().put("unbound", deviceId)));
    }

    private static AppAnswer failure(String route, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof Refusal refusal) {
            return AppAnswer.refused(400, route, "body", refusal.getMessage());
        }
        if (cause instanceof PlatformException refused) {
            return switch (refused.reason()) {
                case NOT_FOUND -> AppAnswer.refused(404, route, "not_found", refused.getMessage());
                case FULL -> AppAnswer.failed(503, route, refused.getMessage());
                default -> AppAnswer.refused(400, route, "refused", refused.getMessage());
            };
        }
        if (cause instanceof StoreException) {
            return AppAnswer.failed(503, route, "storage unavailable, try again");
        }
        throw new CompletionException(cause);
    }

    private static JsonNode body(AppRequest request) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(request.body());
            if (json == null || !json.isObject()) {
                throw refusal("the body is a JSON object");
            }
            return json;
        } catch (JsonProcessingException | NumberFormatException e) {
            // NumberFormatException: a number beyond BigDecimal (an exponent overflow), which the reader lets out
            throw refusal("the body is not JSON");
        }
    }

    private static String field(JsonNode body, String name, Pattern pattern) {
        JsonNode value = body.path(name);
        if (!value.isTextual()) {
            throw refusal(name + ": missing, or not text");
        }
        return checked(value.asText(), pattern, name);
    }

    private static String checked(String value, Pattern pattern, String name) {
        if (!pattern.matcher(value).matches()) {
            throw refusal(name + ": not a valid " + name);
        }
        return value;
    }

    private static Optional<String> optional(JsonNode body, String name, int maxLength) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            throw refusal(name + ": text of at most " + maxLength + " characters");
        }
        return Optional.of(value.asText());
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static CompletableFuture<AppAnswer> done(AppAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static Refusal refusal(String message) {
        return new Refusal(message);
    }

    /** A request this API refuses 400; its message is the answer's {@code error}, never a value sent. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
