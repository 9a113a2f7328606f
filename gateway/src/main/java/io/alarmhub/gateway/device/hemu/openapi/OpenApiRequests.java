package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.Manufacturers.Manufacturer;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraReport;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One OpenAPI request, from its headers and body to its answer, in the order of the checks: the WSSE
 * header (401 when it is missing, malformed, of an unknown key, with a wrong digest, a {@code Created} more
 * than 5 minutes from the server's clock, or a nonce already used), the three parameters, the Username
 * against them, the {@code signature}, the {@code jsonObject}, then the message itself. No HTTP here: the
 * handler and the fuzz target both call {@link #answer}.
 */
public final class OpenApiRequests {

    private static final Logger log = LoggerFactory.getLogger(OpenApiRequests.class);
    private static final RateLimitedLog storeFailures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** Past the node's capacity every camera's new events are refused for a while: a line a minute says so. */
    private static final RateLimitedLog busyRefusals = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    private final Manufacturers manufacturers;
    private final NonceCache nonces;
    private final CameraCalls cameras;
    private final HemuMetrics metrics;
    private final Supplier<ObjectNode> hedgw;

    /** @param hedgw {@code serverAddr} and {@code serverPort} of the HEDGW, as cameras are told */
    public OpenApiRequests(Manufacturers manufacturers, NonceCache nonces, CameraCalls cameras, HemuMetrics metrics,
                           Supplier<ObjectNode> hedgw) {
        this.manufacturers = manufacturers;
        this.nonces = nonces;
        this.cameras = cameras;
        this.metrics = metrics;
        this.hedgw = hedgw;
    }

    /** The request as the handler read it. */
    public record Call(Optional<String> authorization, Optional<String> xWsse, String rawQuery, String contentType,
                       byte[] body, Optional<String> address) {
    }

    /** The answer; the future never fails: every failure is an answer. */
    public CompletableFuture<OpenApiAnswer> answer(Call call) {
        try {
            return dispatch(call).exceptionally(failure -> failure(failure, Optional.empty()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e, Optional.empty()));
        }
    }

    private CompletableFuture<OpenApiAnswer> dispatch(Call call) {
        Wsse wsse;
        try {
            wsse = Wsse.create(call.authorization(), call.xWsse());
        } catch (WsseException e) {
            return refused(OpenApiAnswer.unauthorized("wsse"));
        }
        Optional<Manufacturer> maker = manufacturers.find(wsse.accessKey());
        if (maker.isEmpty()) {
            return refused(OpenApiAnswer.unauthorized("unknown_key"));
        }
        if (!wsse.digestMatches(maker.get().accessSecret())) {
            return refused(OpenApiAnswer.unauthorized("digest"));
        }
        switch (nonces.check(wsse.username(), wsse.nonce(), wsse.created())) {
            case STALE:
                return refused(OpenApiAnswer.unauthorized("stale"));
            case REPLAYED:
                return refused(OpenApiAnswer.unauthorized("replayed"));
            case FULL:
                metrics.busy("nonces");
                return done(OpenApiAnswer.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.SYSTEM_FAILURE,
                        "too many requests at once; try again", Optional.empty(), "busy"));
            default:
                break;
        }
        BatchParameters parameters;
        try {
            parameters = BatchParameters.create(call.rawQuery(), call.contentType(), call.body());
        } catch (OpenApiException e) {
            return refused(OpenApiAnswer.error(e, "params"));
        }
        if (!parameters.accessKey().equals(wsse.accessKey())) {
            return refused(OpenApiAnswer.unauthorized("username"));
        }
        if (!ApiSignature.matches(parameters.signature(), maker.get().accessSecret(), parameters.accessKey(),
                parameters.jsonObject())) {
            return refused(OpenApiAnswer.error(HttpResponseStatus.OK, ErrorCode.WRONG_CREDENTIALS,
                    "signature does not match accessKey and jsonObject", Optional.empty(), "signature"));
        }
        HemuRequest request = HemuRequest.create(parameters.jsonObject());
        if (!request.deviceId().equals(wsse.deviceId())) {
            return refused(OpenApiAnswer.unauthorized("username"));
        }
        CompletableFuture<OpenApiAnswer> answered;
        try {
            answered = message(maker.get(), request, call.address());
        } catch (RuntimeException e) {
            // A refusal found before anything was stored (a wrong deviceToken): answered for this message.
            answered = CompletableFuture.failedFuture(e);
        }
        return answered.exceptionally(failure -> failure(failure, Optional.of(request)));
    }

    private CompletableFuture<OpenApiAnswer> message(Manufacturer maker, HemuRequest request, Optional<String> address) {
        String key = maker.accessKey();
        String rsp = request.responseType();
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        if (request instanceof HemuRequest.AddCamera add) {
            metrics.message("add_camera");
            return cameras.register(maker, new Registration(key, add.deviceId(), add.deviceMacAddress().orElseThrow(),
                    add.deviceModelId(), add.userMobile(), add.userToken(), add.hardware().orElse(""), add.features(),
                    add.registMode(), address)).thenApply(registered -> OpenApiAnswer.ok(rsp, none.deepCopy()
                            .put("deviceToken", registered.deviceToken()).put("unifiedId", registered.unifiedId())));
        }
        if (request instanceof HemuRequest.GetBindInfo bind) {
            metrics.message("bind_info");
            return cameras.bindInfo(bind.deviceId(), bind.deviceMacAddress()).thenApply(grant -> OpenApiAnswer.ok(rsp,
                    none.deepCopy().put("userMobile", grant.map(g -> g.grant().mobile()).orElse(""))
                            .put("userToken", grant.map(g -> g.userToken()).orElse(""))));
        }
        if (request instanceof HemuRequest.SetCapacity capacity) {
            metrics.message("capacity");
            return cameras.capacity(key, capacity.deviceId(), capacity.deviceToken(), capacity.supportKey())
                    .thenApply(x -> OpenApiAnswer.ok(rsp, none));
        }
        if (request instanceof HemuRequest.GetChannelAddress channel) {
            metrics.message("chn_addr");
            cameras.authenticated(key, channel.deviceId(), channel.deviceToken());
            return done(OpenApiAnswer.ok(rsp, hedgw.get()));
        }
        if (request instanceof HemuRequest.GetSettings settings) {
            metrics.message("get_settings");
            ObjectNode camRW = cameras.settings(key, settings.deviceId(), settings.deviceToken());
            ObjectNode fields = none.deepCopy();
            fields.set("camRW", camRW);
            return done(OpenApiAnswer.ok(rsp, fields));
        }
        if (request instanceof HemuRequest.SetSettings set) {
            metrics.message("set_settings");
            CamParam p = set.camParam();
            return cameras.report(key, set.deviceId(), set.deviceToken(), new CameraReport(p.status(), p.personStatus(),
                    p.wifiSSID(), p.sdcardStatus(), p.binoParam(), p.deviceAngle())).thenApply(x -> OpenApiAnswer.ok(rsp, none));
        }
        HemuRequest.SetInfo info = (HemuRequest.SetInfo) request;
        metrics.message("set_info");
        return cameras.versions(key, info.deviceId(), info.deviceToken(), info.firmwareVersion(),
                info.cameraAppVersion()).thenApply(x -> OpenApiAnswer.ok(rsp, none));
    }

    private OpenApiAnswer failure(Throwable failure, Optional<HemuRequest> request) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Optional<String> rsp = request.map(HemuRequest::responseType);
        // A failed MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ is a 404, as 5.1.4 says.
        HttpResponseStatus status = request.filter(r -> r instanceof HemuRequest.GetChannelAddress).isPresent()
                ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK;
        if (cause instanceof OpenApiException e) {
            return count(OpenApiAnswer.error(status, e.code(), e.description(), e.responseType().or(() -> rsp),
                    reason(e.code())));
        }
        if (cause instanceof PlatformException e) {
            return switch (e.reason()) {
                case CREDENTIALS, NOT_FOUND -> count(OpenApiAnswer.error(status, ErrorCode.WRONG_CREDENTIALS,
                        e.getMessage(), rsp, "credentials"));
                case BOUND_TO_OTHER -> count(OpenApiAnswer.error(status, ErrorCode.BOUND_TO_OTHER, e.getMessage(), rsp,
                        "bound"));
                case UNKNOWN_MODEL -> count(OpenApiAnswer.error(status, ErrorCode.UNKNOWN_MODEL, e.getMessage(), rsp,
                        "model"));
                case BAD_VALUE -> count(OpenApiAnswer.error(status, ErrorCode.BAD_REQUEST, e.getMessage(), rsp,
                        "value"));
                case FULL -> busy(rsp, e.getMessage(), "waiting");
            };
        }
        if (cause instanceof DeviceRefusedException) {
            return count(OpenApiAnswer.error(status, ErrorCode.UNDEFINED, "this server takes only the devices its"
                    + " configuration names (devices.allow-unknown is false)", rsp, "refused_device"));
        }
        if (cause instanceof ServerBusyException) {
            // the node is past its capacity: the store can take no more now
            busyRefusals.warn("hemu: request refused, answering 503: " + cause.getMessage());
            return busy(rsp, "server busy, try again", "store");
        }
        if (cause instanceof StoreException) {
            storeFailures.warn("hemu: store failure, answering 503: " + cause.getMessage());
            return busy(rsp, "storage unavailable, try again", "store");
        }
        log.error("hemu: unexpected failure answering a request", cause);
        return OpenApiAnswer.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorCode.UNDEFINED,
                "internal error: the server's log says more", rsp, "internal");
    }

    private OpenApiAnswer busy(Optional<String> rsp, String description, String reason) {
        metrics.busy(reason);
        return OpenApiAnswer.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.SYSTEM_FAILURE, description, rsp,
                "busy");
    }

    private static String reason(ErrorCode code) {
        return switch (code) {
            case EMPTY_JSON, JSON_PARSE -> "json";
            case INVALID_DEVICE_ID -> "device_id";
            default -> "value";
        };
    }

    private OpenApiAnswer count(OpenApiAnswer answer) {
        answer.reason().ifPresent(metrics::badInput);
        return answer;
    }

    private CompletableFuture<OpenApiAnswer> refused(OpenApiAnswer answer) {
        return done(count(answer));
    }

    private static CompletableFuture<OpenApiAnswer> done(OpenApiAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
