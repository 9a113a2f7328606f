package io.alarmhub.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A vendor's commander for the faces' tests: records every command it is given, and answers by the device id,
 * so that a test picks the behaviour by the device it names.
 * <ul>
 *   <li>{@code slow…}: no answer until the test completes {@link Sent#answer()};</li>
 *   <li>{@code offline…}: fails with {@link CommandRefusal.Reason#OFFLINE}, as a commander whose device is gone;</li>
 *   <li>{@code incapable…}: throws {@link CommandRefusal.Reason#NOT_CAPABLE} at once instead of returning;</li>
 *   <li>{@code broken…}: fails in a way a commander must not (an {@link IllegalStateException}), as a bug would;</li>
 *   <li>anything else: answers {@code {"device":id,"alias":alias,"echo":command}} at once.</li>
 * </ul>
 */
public final class RecordingCommander implements DeviceCommander {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One command as the commander was given it, and the future it returned. */
    public record Sent(String alias, String deviceId, JsonNode command, CompletableFuture<ObjectNode> answer) {
    }

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<ObjectNode> send(String alias, String deviceId, JsonNode command) {
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        sent.add(new Sent(alias, deviceId, command, answer));
        if (deviceId.startsWith("incapable")) {
            throw new CommandRefusal(CommandRefusal.Reason.NOT_CAPABLE, "camera " + deviceId + " has no PTZ");
        } else if (deviceId.startsWith("broken")) {
            answer.completeExceptionally(new IllegalStateException("a bug in the commander"));
        } else if (deviceId.startsWith("offline")) {
            answer.completeExceptionally(new CommandRefusal(CommandRefusal.Reason.OFFLINE,
                    "camera " + deviceId + " is not connected"));
        } else if (!deviceId.startsWith("slow")) {
            ObjectNode reply = JSON.createObjectNode().put("device", deviceId).put("alias", alias);
            reply.set("echo", command);
            answer.complete(reply);
        }
        return answer;
    }

    /** The oldest command not taken yet, waiting up to 10 s for it (a safety net, not a way to wait). */
    public Sent next() {
        try {
            Sent next = sent.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no command reached the commander within 10 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Commands given and not taken yet. */
    public int waiting() {
        return sent.size();
    }
}
