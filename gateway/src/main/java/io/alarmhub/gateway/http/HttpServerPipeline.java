package io.alarmhub.gateway.http;

import io.alarmhub.gateway.IdleTimeout;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP/1.1 handlers one face's connections share, in their order; the face's own handlers go after
 * them. See the {@linkplain io.alarmhub.gateway.http package} for what each one does.
 *
 * <pre>
 * idle             IdleTimeout                    quiet past idleTimeout → exchanges closes (unless an answer is owed)
 * request-start    HttpRequestTimeout.start()     a request's first byte starts its timer
 * codec            HttpServerCodec
 * request-end      HttpRequestTimeout.end()       its end stops it
 * linger           LingeringClose                 a close mid-request: shut output, drop input, close later
 * keep-alive       HttpServerKeepAliveHandler     Connection headers, close after the last answer
 * expect           ExpectContinue                 100 Continue, or the face's refusal
 * exchanges        HttpExchanges                  one request at a time; malformed requests refused
 * </pre>
 */
public final class HttpServerPipeline {

    /** How long a connection answered before its request ended reads on before it closes. */
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

    private final HttpFace face;
    private final Duration idleTimeout;
    private final Optional<Duration> requestTimeout;
    private final Duration linger;
    private final boolean downloads;

    private HttpServerPipeline(Builder builder) {
        this.face = builder.face;
        this.idleTimeout = builder.idleTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.linger = builder.linger;
        this.downloads = builder.downloads;
    }

    public static Builder builder(HttpFace face) {
        return new Builder(face);
    }

    /** Adds the whole core, from the idle timer to the exchanges, to a new connection's pipeline. */
    public void install(ChannelPipeline p) {
        p.addLast("idle", downloads
                ? IdleTimeout.readsAndWritesInProgress(idleTimeout) : IdleTimeout.readsAndWrites(idleTimeout));
        Optional<HttpRequestTimeout> timeout = requestTimeout.map(
                d -> new HttpRequestTimeout(d, () -> face.closed(HttpFace.REQUEST_TIMEOUT)));
        timeout.ifPresent(t -> p.addLast("request-start", t.start()));
        p.addLast("codec", new HttpServerCodec());
        timeout.ifPresent(t -> p.addLast("request-end", t.end()));
        installAfterCodec(p);
    }

    /**
     * Adds what goes after the codec: for a test or fuzz target that feeds the pipeline decoded requests
     * (or bytes to its own decoder) and reads the answers as objects.
     */
    public void installAfterCodec(ChannelPipeline p) {
        p.addLast("linger", new LingeringClose(linger));
        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
        p.addLast("expect", new ExpectContinue(face));
        p.addLast("exchanges", new HttpExchanges(face));
    }

    public static final class Builder {
        private final HttpFace face;
        private Duration idleTimeout = Duration.ofMinutes(1);
        private Optional<Duration> requestTimeout = Optional.empty();
        private Duration linger = DEFAULT_LINGER;
        private boolean downloads;

        private Builder(HttpFace face) {
            this.face = Objects.requireNonNull(face, "face");
        }

        /** Closes a connection quiet (nothing read, nothing written) this long while no answer is owed. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive("idle timeout", idleTimeout);
            return this;
        }

        /** Closes a connection whose request is not whole this long after its first byte (slow clients). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Optional.of(positive("request timeout", requestTimeout));
            return this;
        }

        /** How long a connection answered mid-request reads on before it closes. */
        public Builder linger(Duration linger) {
            this.linger = positive("linger", linger);
            return this;
        }

        /** Answers are files that may take long to send: a write still moving is not idle. */
        public Builder downloads() {
            this.downloads = true;
            return this;
        }

        public HttpServerPipeline build() {
            return new HttpServerPipeline(this);
        }

        private static Duration positive(String what, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
