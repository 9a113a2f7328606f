package io.alarmhub.gateway.device.hemu.openapi;

import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuSettings;
import io.alarmhub.gateway.http.BodyAggregator;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Hemu OpenAPI: HTTPS (TLS 1.2 or 1.3 only) on port 8443 by default, {@code POST
 * /andmu/v2/service/batch}, where cameras register and fetch their configuration.
 */
public final class OpenApiListener implements Listener {

    private final HemuSettings settings;
    private final NettyLoops loops;
    private final Supplier<SslContext> ssl;
    private final OpenApiRequests requests;
    private final HemuMetrics metrics;
    private final Clock clock;
    private final String manufacturers;
    private final ServerChannels channels = new ServerChannels("device-hemu");
    private volatile Optional<InetSocketAddress> bound = Optional.empty();

    /**
     * @param ssl           the certificate, made when the listener starts (a generated one is written then)
     * @param manufacturers who may register, for the node's line about this listener
     */
    public OpenApiListener(HemuSettings settings, NettyLoops loops, Supplier<SslContext> ssl,
                           OpenApiRequests requests, HemuMetrics metrics, Clock clock, String manufacturers) {
        this.settings = settings;
        this.loops = loops;
        this.ssl = ssl;
        this.requests = requests;
        this.metrics = metrics;
        this.clock = clock;
        this.manufacturers = manufacturers;
    }

    @Override
    public String name() {
        return "device-hemu";
    }

    @Override
    public String detail() {
        return "HTTPS POST " + OpenApiFace.PATH + "; manufacturers: "
                + (manufacturers.isEmpty() ? "none (no camera can register; see hemu.manufacturers)" : manufacturers);
    }

    /** The address bound, once started. */
    public Optional<InetSocketAddress> address() {
        return bound;
    }

    @Override
    public synchronized InetSocketAddress start() {
        SslContext context = ssl.get();
        HttpServerPipeline http = HttpServerPipeline.builder(new OpenApiFace(settings.maxBodyBytes(), metrics, clock))
                .idleTimeout(settings.idleTimeout())
                .requestTimeout(settings.requestTimeout())
                .build();
        ServerBootstrap bootstrap = loops.serverBootstrap().childOption(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress address = channels.bind(bootstrap, settings.host(), settings.port(), ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("tls-only", new TlsOnly(context, () -> metrics.badInput("plain_http")));
            http.install(p);
            p.addLast(new BodyAggregator(settings.maxBodyBytes()));
            p.addLast(new OpenApiHandler(requests, metrics, settings.maxBodyBytes(), clock));
        });
        metrics.track(channels);
        bound = Optional.of(address);
        return address;
    }

    @Override
    public synchronized void close() {
        channels.close();
        metrics.untrack(channels);
    }
}
