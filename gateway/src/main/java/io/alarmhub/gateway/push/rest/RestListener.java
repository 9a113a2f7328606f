package io.alarmhub.gateway.push.rest;

import io.alarmhub.gateway.http.BodyAggregator;
import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * RestServer: HTTP/1.1 on port 9900 by default, publishing and answering {@code /info} through the
 * node's {@code PushHub}.
 */
public final class RestListener implements Listener {

    private final RestSettings settings;
    private final NettyLoops loops;
    private final RestRoutes routes;
    private final RestMetrics metrics;
    private final ServerChannels channels = new ServerChannels("push-rest");
    private Optional<Gauge> connections = Optional.empty();

    /** A RestServer that reports only this node. */
    public RestListener(RestSettings settings, NettyLoops loops, PushContext context, AppTokens tokens,
                        PushNode node, MeterRegistry registry) {
        this(settings, loops, context, tokens, PushCluster.single(node, context.hub().presence()), registry,
                new AppApis());
    }

    /**
     * A RestServer that reports, and sends clients to, the nodes of a cluster.
     *
     * @param apps the vendors' routes, under {@code /<vendor>/}
     */
    public RestListener(RestSettings settings, NettyLoops loops, PushContext context, AppTokens tokens,
                        PushCluster cluster, MeterRegistry registry, AppApis apps) {
        this.settings = settings;
        this.loops = loops;
        this.routes = new RestRoutes(context, tokens, cluster, settings.pageSize(), Clock.systemUTC(), apps);
        this.metrics = new RestMetrics(registry);
    }

    @Override
    public String name() {
        return "push-rest";
    }

    @Override
    public synchronized InetSocketAddress start() {
        HttpServerPipeline http = HttpServerPipeline.builder(new RestFace(metrics, settings.maxBodyBytes()))
                .idleTimeout(settings.idleTimeout())
                .requestTimeout(settings.requestTimeout())
                .build();
        ServerBootstrap bootstrap = loops.serverBootstrap().childOption(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress bound = channels.bind(bootstrap, settings.host(), settings.port(), ch -> {
            ChannelPipeline p = ch.pipeline();
            http.install(p);
            p.addLast(new BodyAggregator(settings.maxBodyBytes()));
            p.addLast(new RestHandler(routes, metrics));
        });
        connections = Optional.of(Gauge.builder(RestMetrics.CONNECTIONS, channels, ServerChannels::size)
                .description("open RestServer connections")
                .register(metrics.registry()));
        return bound;
    }

    @Override
    public synchronized void close() {
        channels.close();
        connections.ifPresent(gauge -> metrics.registry().remove(gauge));
        connections = Optional.empty();
    }
}
