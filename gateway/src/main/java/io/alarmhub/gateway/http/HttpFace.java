package io.alarmhub.gateway.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

import java.util.Optional;

/**
 * What the HTTP core asks of one HTTP face (the RestServer, the media server, a vendor's HTTP API): its
 * error body, which requests it refuses before their body is sent, and how it counts the connections the
 * core closes. The face's own routes and bodies stay in its handlers, which go after the core.
 */
public interface HttpFace {

    /** The face's name in the log: {@code rest}, {@code media}, {@code vstarcam}. */
    String name();

    /**
     * The face's answer to a request the core refuses, in the face's own error body, counted as the face
     * counts bad requests. The core sets {@code Connection} and closes when it must.
     */
    FullHttpResponse refusal(HttpRefusal refusal);

    /**
     * A request head that asks {@code Expect: 100-continue}, before its body is sent: empty to accept it (the
     * core answers {@code 100 Continue}), or why not (the core answers with {@link #refusal}, and the body is
     * never sent). By default every request is accepted.
     */
    default Optional<HttpRefusal> screen(HttpRequest head) {
        return Optional.empty();
    }

    /**
     * A connection the core closed for a reason of its own: {@link #IDLE} or {@link #REQUEST_TIMEOUT}.
     * Runs on the connection's event loop.
     */
    void closed(String reason);

    /** Quiet past the idle timeout with no answer owed. */
    String IDLE = "idle";
    /** A request not whole within the request timeout from its first byte. */
    String REQUEST_TIMEOUT = "request_timeout";
}
