package io.alarmhub.gateway.device.vstarcam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.json.NetworkJson;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One answer to a camera before it becomes HTTP. The document's reply is {@code {"code":"200",
 * "message":"Success"}}; a failure carries its HTTP status as {@code code} and the reason as
 * {@code message}, so that status and body always agree.
 *
 * @param reason for a refused request (4xx), a short fixed reason for the {@code bad_input} meter
 */
record Answer(HttpResponseStatus status, String message, Optional<String> reason) {

    private static final Logger log = LoggerFactory.getLogger(Answer.class);
    /** A full disk fails every upload until it is fixed: its cause is worth a line a minute, not one each. */
    private static final RateLimitedLog storageFailures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** Past the node's capacity every camera's alarms are refused for a while: a line a minute says so. */
    private static final RateLimitedLog busy = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    private static final NetworkJson JSON = NetworkJson.standard();

    static final Answer SUCCESS = new Answer(HttpResponseStatus.OK, "Success", Optional.empty());

    /** A request refused for what it is: counted as bad input under {@code reason}. */
    static Answer refused(HttpResponseStatus status, String reason, String message) {
        return new Answer(status, message, Optional.of(reason));
    }

    /** The server could not do what a good request asked. */
    static Answer failed(HttpResponseStatus status, String message) {
        return new Answer(status, message, Optional.empty());
    }

    /**
     * The answer to a request whose handling failed: refused device 403, a node past its capacity 503 "server busy,
     * try again", storage 503, else 500.
     */
    static Answer of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Rejected rejected) {
            return rejected.answer();
        }
        if (cause instanceof DeviceRefusedException) {
            return refused(HttpResponseStatus.FORBIDDEN, "refused", cause.getMessage());
        }
        if (cause instanceof ServerBusyException) {
            busy.warn("vstarcam: alarm or heartbeat refused, answered 503: " + cause.getMessage());
            return failed(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy, try again");
        }
        if (cause instanceof StoreException || cause instanceof MediaException) {
            storageFailures.warn("vstarcam: storage failure answered 503: " + cause.getMessage());
            return failed(HttpResponseStatus.SERVICE_UNAVAILABLE, "storage unavailable");
        }
        if (cause instanceof RejectedExecutionException) {
            log.warn("vstarcam: no worker free to keep an upload, answered 503");
            return failed(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy");
        }
        log.error("vstarcam: unexpected failure answering a camera", cause);
        return failed(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    boolean ok() {
        return status.code() == HttpResponseStatus.OK.code();
    }

    /** {@code {"code":"200","message":"Success"}}. */
    String json() {
        ObjectNode body = JSON.object();
        body.put("code", Integer.toString(status.code()));
        body.put("message", message);
        return body.toString();
    }

    /** Ends the handling of a request with this answer, from anywhere below the handler. */
    Rejected reject() {
        return new Rejected(this);
    }

    /** Carries an answer up out of parsing; no stack trace, it is not an error of the server. */
    static final class Rejected extends RuntimeException {

        private final transient Answer answer;

        Rejected(Answer answer) {
            super(answer.message(), null, false, false);
            this.answer = answer;
        }

        Answer answer() {
            return answer;
        }
    }
}
