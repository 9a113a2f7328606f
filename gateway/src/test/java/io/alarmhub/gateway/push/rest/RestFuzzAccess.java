package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;

import java.time.Clock;

/** Opens the package-private RestServer pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class RestFuzzAccess {

    private RestFuzzAccess() {
    }

    /**
     * One RestServer connection as the listener builds it, except that responses are left as
     * {@code FullHttpResponse} objects (no encoder) so that the test can check each one.
     */
    public static EmbeddedChannel connection(PushContext context, AppTokens tokens, Clock clock, int maxBodyBytes) {
        RestRoutes routes = new RestRoutes(context, tokens, PushCluster.single(RestFixture.NODE,
                context.hub().presence()), 2, clock);
        return new EmbeddedChannel(new HttpRequestDecoder(), new RestAggregator(maxBodyBytes),
                new RestHandler(routes, new RestMetrics(new SimpleMeterRegistry())));
    }
}
