package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaFiles;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The media HTTP listener, {@code media-http}: serves kept pictures and clips at their signed, expiring
 * URLs, {@code GET|HEAD /media/<key>?expires=<epoch seconds>&sig=<signature>}, on port 9910 by default.
 */
public final class MediaListener implements Listener {

    private final MediaHttpSettings settings;
    private final NettyLoops loops;
    private final MediaFiles files;
    private final MediaMetrics metrics;
    private final Clock clock;
    private final ServerChannels channels = new ServerChannels("media-http");
    private Optional<Gauge> connections = Optional.empty();

    public MediaListener(MediaHttpSettings settings, NettyLoops loops, MediaFiles files, MeterRegistry registry) {
        this(settings, loops, files, registry, Clock.systemUTC());
    }

    /** As the other constructor, with the clock that URL expiry is checked against. */
    public MediaListener(MediaHttpSettings settings, NettyLoops loops, MediaFiles files, MeterRegistry registry,
                         Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loops = Objects.requireNonNull(loops, "loops");
        this.files = Objects.requireNonNull(files, "files");
        this.metrics = new MediaMetrics(Objects.requireNonNull(registry, "registry"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "media-http";
    }

    @Override
    public synchronized InetSocketAddress start() {
        HttpServerPipeline http = HttpServerPipeline.builder(new MediaFace(metrics))
                .idleTimeout(settings.idleTimeout())
                .requestTimeout(settings.requestTimeout())
                .downloads()
                .build();
        ServerBootstrap bootstrap = loops.serverBootstrap().childOption(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress bound = channels.bind(bootstrap, settings.host(), settings.port(), ch -> {
            ChannelPipeline p = ch.pipeline();
            // downloads(): a download that is still moving is not idle, however long it takes.
            http.install(p);
            p.addLast(new ChunkedWriteHandler());
            p.addLast(new MediaHandler(files, metrics, clock));
        });
        connections = Optional.of(Gauge.builder(MediaMetrics.CONNECTIONS, channels, ServerChannels::size)
                .description("open media connections")
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
