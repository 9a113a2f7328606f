package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.http.BodyAggregator;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpRequestDecoder;

import java.time.Clock;

/** Opens the package-private RestServer pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class RestFuzzAccess {

    private RestFuzzAccess() {
    }

    /**
     * A RestServer connection's pipeline as the listener builds it, except that responses are left as
     * {@code FullHttpResponse} objects (a request decoder, no encoder), so that the peer can check each one.
     */
    public static ChannelHandler initializer(PushContext context, AppTokens tokens, Clock clock, int maxBodyBytes) {
        RestRoutes routes = new RestRoutes(context, tokens, PushCluster.single(RestFixture.NODE,
                context.hub().presence()), 2, clock, new AppApis());
        RestMetrics metrics = new RestMetrics(new SimpleMeterRegistry());
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpRequestDecoder());
                HttpServerPipeline.builder(new RestFace(metrics, maxBodyBytes)).build()
                        .installAfterCodec(ch.pipeline());
                ch.pipeline().addLast(new BodyAggregator(maxBodyBytes), new RestHandler(routes, metrics));
            }
        };
    }
}
