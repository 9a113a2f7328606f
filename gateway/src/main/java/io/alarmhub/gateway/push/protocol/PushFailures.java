package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.delivery.PushException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/** Turns a failed request into the {@code error} text its client is told, logging what the operator must know. */
public final class PushFailures {

    private static final Logger log = LoggerFactory.getLogger(PushFailures.class);
    /** A full disk fails every request until it is fixed: its cause is worth a line a minute, not one each. */
    private static final RateLimitedLog storeFailures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** Past the node's capacity every publish is refused for a while: a line a minute says so. */
    private static final RateLimitedLog busy = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    /** What a client is told when the node is past its capacity ({@link ServerBusyException}). */
    public static final String BUSY = "server busy, try again";

    private PushFailures() {
    }

    /**
     * A {@link PushException}'s own message; for a node past its capacity, {@link #BUSY}; for a store failure, a
     * retry hint (each logged as a warning, at most once a minute);
     * for anything else, {@code internal error} (logged with its stack).
     */
    public static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PushException) {
            return cause.getMessage();
        }
        if (cause instanceof ServerBusyException) {
            busy.warn("publish refused, answering \"" + BUSY + "\": " + cause.getMessage());
            return BUSY;
        }
        if (cause instanceof StoreException) {
            storeFailures.warn("store failure answered to a client: " + cause.getMessage());
            return "storage unavailable, try again";
        }
        log.error("unexpected failure answering a push request", cause);
        return "internal error";
    }
}
