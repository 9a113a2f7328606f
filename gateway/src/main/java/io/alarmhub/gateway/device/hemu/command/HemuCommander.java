package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.command.CommandRefusal.Reason;
import io.alarmhub.gateway.command.DeviceCommander;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.platform.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends apps' commands to Hemu cameras and brings back their answers. In order: the camera must be registered
 * ({@code UNKNOWN_DEVICE}) and the alias its owner ({@code NOT_OWNER}); the command must be one of the catalogue
 * with values the document allows ({@code BAD_COMMAND}) and the camera capable of it ({@code NOT_CAPABLE});
 * the camera must be connected to this node ({@code OFFLINE}) and there must be room to wait ({@code BUSY}).
 * Only then is it sent, a {@code DevAppCmd} of type 33 with the alias as {@code src_device_id} and a per-node
 * {@code id}, and its answer awaited ({@code TIMEOUT}).
 *
 * <p>An answer is an answer whatever its {@code response}: a camera that refuses (-1) has answered. A setting it
 * acknowledged (0) that the online configuration keeps is stored into the camera's {@code camRW} before the app
 * is told, so that the camera's next {@code MSG_P_THD_GET_CAMERA_SETTINGS_REQ} gets it back; when the store cannot
 * take it, the command fails with the store's error and the app is not told it succeeded.
 */
public final class HemuCommander implements DeviceCommander {

    private static final Logger log = LoggerFactory.getLogger(HemuCommander.class);

    private final CameraDirectory directory;
    private final AccountCalls accounts;
    private final CameraLink link;
    private final WaitingAnswers waiting;
    private final HemuMetrics metrics;
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();

    public HemuCommander(CameraDirectory directory, AccountCalls accounts, CameraLink link, WaitingAnswers waiting,
                         HemuMetrics metrics, Clock clock) {
        this.directory = directory;
        this.accounts = accounts;
        this.link = link;
        this.waiting = waiting;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<ObjectNode> send(String alias, String deviceId, JsonNode command) {
        CompletableFuture<ObjectNode> answered;
        try {
            answered = sendChecked(alias, deviceId, command);
        } catch (CommandRefusal refusal) {
            answered = CompletableFuture.failedFuture(refusal);
        }
        return answered.whenComplete((answer, failure) -> {
            if (unwrapped(failure) instanceof CommandRefusal refusal) {
                metrics.commandRefused(refusal.reason());
                log.debug("hemu: a command of {} to camera {} was refused: {}", alias, deviceId, refusal.getMessage());
            }
        });
    }

    private CompletableFuture<ObjectNode> sendChecked(String alias, String deviceId, JsonNode command) {
        Camera camera = directory.camera(deviceId).orElseThrow(() ->
                new CommandRefusal(Reason.UNKNOWN_DEVICE, "no camera " + deviceId + " is registered"));
        if (!camera.owner().equals(alias)) {
            throw new CommandRefusal(Reason.NOT_OWNER, "camera " + deviceId + " is not " + alias + "'s");
        }
        CheckedCommand checked = CommandCatalogue.read(command);
        checked.needs().filter(needed -> !needed.of(camera)).ifPresent(needed -> {
            throw new CommandRefusal(Reason.NOT_CAPABLE, "camera " + deviceId + " has not reported "
                    + needed.what() + ", which " + label(checked) + " needs");
        });
        if (!link.connected(deviceId)) {
            throw offline(deviceId);
        }
        WaitingAnswers.Ticket ticket = waiting.open(deviceId, alias, checked.request());
        AppCommand sent = new AppCommand(alias, nextId(), ticket.msgSession(), checked.request(),
                checked.subRequest(), checked.msgVersion(), checked.requestParams(), clock.instant());
        if (!link.send(deviceId, sent)) {
            ticket.cancel();
            throw offline(deviceId);
        }
        metrics.command("sent");
        return ticket.answer().thenCompose(answer -> {
            metrics.command("answered");
            if (answer.response() != 0) {
                metrics.command("camera_refused");
            }
            return stored(alias, deviceId, checked, answer).thenApply(x -> answer(deviceId, checked, answer));
        });
    }

    /** Keeps an acknowledged setting in the camera's online configuration; nothing to do otherwise. */
    private CompletableFuture<Void> stored(String alias, String deviceId, CheckedCommand checked,
                                           IpCamMessage.Answer answer) {
        if (answer.response() != 0 || checked.camRW().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return accounts.changeSettings(alias, deviceId, checked.camRW().get()).handle((camera, failure) -> {
            if (failure == null) {
                return null;
            }
            Throwable cause = unwrapped(failure);
            if (cause instanceof PlatformException refused && refused.reason() == PlatformException.Reason.NOT_FOUND) {
                throw new CommandRefusal(Reason.UNKNOWN_DEVICE, "camera " + deviceId + " was unbound from " + alias
                        + " before it answered; its setting was not kept");
            }
            throw new CompletionException(cause);
        });
    }

    private static ObjectNode answer(String deviceId, CheckedCommand checked, IpCamMessage.Answer answer) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("deviceId", deviceId);
        if (checked.named()) {
            json.put("command", checked.name());
        }
        json.put("request", checked.request());
        checked.subRequest().ifPresent(s -> json.put("subRequest", s));
        json.put("response", answer.response());
        answer.params().ifPresent(params -> json.set("responseParams", params.deepCopy()));
        return json;
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private int nextId() {
        return ids.updateAndGet(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
    }

    private static String label(CheckedCommand checked) {
        return checked.named() ? checked.name() : "request " + checked.kind().numbers();
    }

    private static CommandRefusal offline(String deviceId) {
        return new CommandRefusal(Reason.OFFLINE, "camera " + deviceId + " is not connected to this node");
    }
}
