package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.command.CommandRefusal.Reason;
import io.alarmhub.gateway.command.DeviceCommander;
import io.alarmhub.gateway.push.protocol.CommandMetrics.Proof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's alias proof and its device commands. A connection names any alias it likes; before it may
 * command a device it proves that alias with an alias token, and stays proven until that token expires (a
 * later proof with a newer token extends it; a failed one leaves it as it was). A command goes to its vendor's
 * {@link DeviceCommander} with the proven alias, which decides whether the alias may command that device;
 * at most {@link PushLimits#maxCommandsInFlight()} of one connection await their answers at once.
 */
final class SessionCommands {

    private static final Logger log = LoggerFactory.getLogger(SessionCommands.class);
    /** Forged tokens or a key that differs between nodes: worth a line a minute, not one per attempt. */
    private static final RateLimitedLog invalidProofs = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    /** The proven alias, and when the token that proved it expires. */
    private record Proven(String alias, Instant expires) {
    }

    private final PushContext context;
    private final Face face;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Optional<Proven> proven = Optional.empty();

    SessionCommands(PushContext context, Face face) {
        this.context = context;
        this.face = face;
    }

    /**
     * Proves {@code alias}, the connection's, with the request's token.
     *
     * @return the {@code t:-21} answer
     * @throws PushException saying why the token does not prove it
     */
    ObjectNode prove(String alias, PushRequest.ProveAlias request) {
        Instant expires;
        try {
            expires = context.aliasTokens().verify(request.token(), alias);
        } catch (AliasTokens.Refused refused) {
            context.commandMetrics().proof(face, refused.expired() ? Proof.EXPIRED : Proof.INVALID);
            if (!refused.expired()) {
                invalidProofs.warn("an alias token was refused on the " + CommandMetrics.tag(face) + " face for alias "
                        + alias + " (" + refused.getMessage() + "): forged, another alias's, or minted with another "
                        + "tokens.key", null);
            }
            throw new PushException(refused.getMessage());
        }
        synchronized (this) {
            if (proven.isEmpty() || proven.get().expires().isBefore(expires)) {
                proven = Optional.of(new Proven(alias, expires));
            }
        }
        context.commandMetrics().proof(face, Proof.PROVEN);
        return PushReplies.proven(alias, expires, request.num());
    }

    /**
     * Sends a command on behalf of the proven alias.
     *
     * @return the {@code t:-20} answer, or {@code {"t":0,"error":…,"reason":…}}; never fails
     */
    CompletableFuture<ObjectNode> command(PushRequest.DeviceCommand request) {
        Optional<Proven> proof = proven;
        if (proof.isEmpty()) {
            return refused(request, Reason.NOT_OWNER,
                    "prove your alias first (t:21, or prove_alias on Socket.IO) with an alias token from your app's "
                            + "back end");
        }
        if (!context.aliasTokens().accepted(proof.get().expires())) {
            return refused(request, Reason.NOT_OWNER, "the alias token that proved " + proof.get().alias()
                    + " expired at " + proof.get().expires() + ": prove the alias again with a new one");
        }
        Optional<DeviceCommander> commander = context.commands().find(request.vendor());
        if (commander.isEmpty()) {
            TreeSet<String> vendors = new TreeSet<>(context.commands().vendors());
            return refused(request, Reason.BAD_COMMAND, "no vendor " + request.vendor() + " takes commands"
                    + (vendors.isEmpty() ? " on this node" : "; these do: " + String.join(", ", vendors)));
        }
        int max = context.limits().maxCommandsInFlight();
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return refused(request, Reason.BUSY, "this connection has " + max
                    + " commands awaiting answers: wait for one before sending another");
        }
        CompletableFuture<ObjectNode> answer;
        try {
            answer = commander.get().send(proof.get().alias(), request.device(), request.command());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer == null) {
            answer = CompletableFuture.failedFuture(new IllegalStateException(
                    "the commander of " + request.vendor() + " returned no answer"));
        }
        return answer.handle((answered, failure) -> {
            inFlight.decrementAndGet();
            return failure == null ? answer(request, answered) : failure(request, failure);
        });
    }

    private ObjectNode answer(PushRequest.DeviceCommand request, JsonNode answered) {
        context.commandMetrics().answered(face);
        return PushReplies.answered(request, answered == null ? NullNode.getInstance() : answered);
    }

    private ObjectNode failure(PushRequest.DeviceCommand request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CommandRefusal refusal) {
            context.commandMetrics().refused(face, refusal.reason());
            return PushReplies.refused(refusal.getMessage(), refusal.reason().word(), request.num());
        }
        context.commandMetrics().failed(face);
        return PushReplies.error(PushFailures.describe(cause), request.num());
    }

    private CompletableFuture<ObjectNode> refused(PushRequest.DeviceCommand request, Reason reason, String error) {
        context.commandMetrics().refused(face, reason);
        return CompletableFuture.completedFuture(PushReplies.refused(error, reason.word(), request.num()));
    }
}
