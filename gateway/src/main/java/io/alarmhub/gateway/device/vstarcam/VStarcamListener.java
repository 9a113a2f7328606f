package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The VStarcam alarm push server: HTTP/1.1 on port 9920 by default, where cameras POST their heartbeat
 * ({@code /vstarcam/heartbeat}) and their alarms with picture and video ({@code /vstarcam/alarm}).
 */
public final class VStarcamListener implements Listener {

    /** The vendor's name in device ids and meters. */
    public static final String VENDOR = "vstarcam";

    private static final Logger log = LoggerFactory.getLogger(VStarcamListener.class);
    /** Netty's prefix of upload files ({@code FUp_…}): the only files this listener deletes on start. */
    private static final String UPLOAD_PREFIX = "FUp_";

    private final VStarcamSettings settings;
    private final NettyLoops loops;
    private final DeviceEvents events;
    private final MediaStore media;
    private final Executor blocking;
    private final Optional<ExecutorService> ownedBlocking;
    private final VStarcamMetrics metrics;
    private final Clock clock;
    private final ServerChannels channels = new ServerChannels("device-vstarcam");
    private Optional<UploadDataFactory> uploads = Optional.empty();
    private Optional<Gauge> connections = Optional.empty();

    /**
     * A listener with its own small pool (2 threads, 1000 waiting uploads; more are answered 503) for the
     * media store's blocking calls.
     */
    public VStarcamListener(VStarcamSettings settings, NettyLoops loops, DeviceEvents events, MediaStore media,
                            MeterRegistry registry) {
        this(settings, loops, events, media, Optional.empty(), registry, Clock.systemUTC());
    }

    /**
     * @param blocking runs the media store's blocking calls (never an event loop); when empty, the listener
     *                 makes its own small pool and stops it on close
     */
    public VStarcamListener(VStarcamSettings settings, NettyLoops loops, DeviceEvents events, MediaStore media,
                            Optional<Executor> blocking, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.loops = loops;
        this.events = events;
        this.media = media;
        this.ownedBlocking = blocking.isEmpty() ? Optional.of(pool()) : Optional.empty();
        this.blocking = blocking.orElseGet(ownedBlocking::get);
        this.metrics = new VStarcamMetrics(registry);
        this.clock = clock;
    }

    private static ExecutorService pool() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                new DefaultThreadFactory("alarmhub-vstarcam-media", true));
    }

    @Override
    public String name() {
        return "device-vstarcam";
    }

    /** The paths a camera's push settings must name, for the node's line about this listener. */
    @Override
    public String detail() {
        return "heartbeats to " + settings.heartbeatPath() + ", alarms to " + settings.alarmPath();
    }

    /** The settings, {@code heartbeatTimeout} among them, for the intake's sweeper. */
    public VStarcamSettings settings() {
        return settings;
    }

    /** Where uploads in progress are written. */
    public Path uploadDir() {
        return settings.uploadDir();
    }

    @Override
    public synchronized InetSocketAddress start() {
        UploadDataFactory factory = new UploadDataFactory(prepare(settings.uploadDir()));
        uploads = Optional.of(factory);
        VStarcamContext context = new VStarcamContext(settings, events, media, blocking, metrics, factory, clock);
        HttpServerPipeline http = HttpServerPipeline.builder(new VStarcamFace(settings, metrics))
                .idleTimeout(settings.idleTimeout())
                .requestTimeout(settings.requestTimeout())
                .build();
        ServerBootstrap bootstrap = loops.serverBootstrap().childOption(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress bound = channels.bind(bootstrap, settings.host(), settings.port(), ch -> {
            ChannelPipeline p = ch.pipeline();
            http.install(p);
            p.addLast(new VStarcamHandler(context));
        });
        connections = Optional.of(metrics.connections(channels));
        return bound;
    }

    /** The upload factory, once started: file parts on disk, never in memory. */
    Optional<UploadDataFactory> uploads() {
        return uploads;
    }

    /** Creates the upload directory and deletes the partial uploads a crash left in it. */
    private static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, UPLOAD_PREFIX + "*")) {
                for (Path file : left) {
                    if (Files.isRegularFile(file)) {
                        Files.deleteIfExists(file);
                        log.info("vstarcam: deleted {}, an upload left unfinished by an earlier run", file);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("vstarcam: cannot use the upload directory " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        channels.close();
        connections.ifPresent(metrics::remove);
        connections = Optional.empty();
        ownedBlocking.ifPresent(pool -> {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("vstarcam: uploads still being kept after 5 s; stopping without them");
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
