package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The live view listener, {@code hemu-live}: {@code GET /live/{deviceId}.flv} as HTTP-FLV, or as WS-FLV with a
 * WebSocket upgrade, for viewers with a signed URL or an alias token (see the {@linkplain
 * io.alarmhub.gateway.device.hemu.live package}), and two-way talk's WebSockets at {@code /talk/{deviceId}}
 * ({@link TalkRouter}); port 9930 by default.
 *
 * <p>The node tells it when a camera's connection ends ({@link #cameraGone}), which ends that camera's streams and
 * its talk; the feed it looked the camera up by should be made for at least
 * {@link LiveSettings#maxViewersPerCamera()} viewers.
 */
public final class LiveListener implements Listener {

    private final LiveSettings settings;
    private final NettyLoops loops;
    private final LiveViewers viewers;
    private final LiveMetrics metrics;
    private final Talkers talkers = new Talkers();
    private final TalkMetrics talkMetrics;
    private final LiveInitializer initializer;
    private final ServerChannels channels = new ServerChannels("hemu-live");
    private Optional<InetSocketAddress> bound = Optional.empty();

    /**
     * @param signer      checks the signed URLs ({@link LiveUrls} makes them with the same signer)
     * @param aliasTokens checks the alias tokens of viewers that show one
     * @param access      whether an alias owns a camera
     * @param cameras     the feeds of the connected cameras
     * @param talk        the connected cameras' speakers, for two-way talk
     * @param clock       what URL expiry is checked against, and talk packages are stamped with
     */
    public LiveListener(LiveSettings settings, NettyLoops loops, MediaSigner signer, AliasTokens aliasTokens,
                        LiveAccess access, LiveCameras cameras, TalkLine talk, MeterRegistry registry, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loops = Objects.requireNonNull(loops, "loops");
        this.viewers = new LiveViewers(settings.maxViewersPerCamera(), settings.maxViewers());
        this.metrics = new LiveMetrics(registry);
        this.talkMetrics = new TalkMetrics(registry);
        LiveGate gate = new LiveGate(signer, aliasTokens, access, clock);
        TalkRouter talkRouter = new TalkRouter(gate, Objects.requireNonNull(talk, "talk"), talkers, talkMetrics,
                clock, new SecureRandom());
        this.initializer = new LiveInitializer(new LiveRouter(gate, cameras, viewers, metrics, talkRouter), settings);
    }

    @Override
    public String name() {
        return "hemu-live";
    }

    @Override
    public String detail() {
        return "HTTP-FLV and WS-FLV at /live/{deviceId}.flv, two-way talk at /talk/{deviceId}";
    }

    @Override
    public synchronized InetSocketAddress start() {
        // Writability drives which viewers get the next GOP: the watermarks bound what a slow viewer holds.
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferLowBytes(), settings.writeBufferHighBytes()));
        InetSocketAddress address = channels.bind(bootstrap, settings.host(), settings.port(),
                ch -> ch.pipeline().addLast(initializer));
        bound = Optional.of(address);
        metrics.watch(viewers);
        talkMetrics.watch(talkers);
        return address;
    }

    /** Where it listens, once started. */
    public synchronized Optional<InetSocketAddress> address() {
        return bound;
    }

    /** The port viewers reach it at: the bound one once started, the configured one before. */
    public synchronized int port() {
        return bound.map(InetSocketAddress::getPort).orElse(settings.port());
    }

    /** Ends the streams of a camera whose connection ended, after what they were already sent, and its talk. */
    public void cameraGone(String deviceId) {
        viewers.cameraGone(deviceId);
        talkers.cameraGone(deviceId);
    }

    /** Talkers talking now. */
    public int talkers() {
        return talkers.count();
    }

    /** Viewers watching now. */
    public int viewers() {
        return viewers.count();
    }

    /** The viewers of one camera now, for tests that look at their connections. */
    List<ViewerChannel> watching(String deviceId) {
        return viewers.watching(deviceId);
    }

    @Override
    public synchronized void close() {
        channels.close();
        metrics.unwatch();
        talkMetrics.unwatch();
        bound = Optional.empty();
    }
}
