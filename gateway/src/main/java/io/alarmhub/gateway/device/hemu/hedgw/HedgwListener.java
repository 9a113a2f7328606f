package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.IpCamInbox;
import io.alarmhub.gateway.device.hemu.plan.PlanBook;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HEDGW signalling gateway: TLS (1.2 or 1.3, AEAD suites only) on port 50922 by default, where registered
 * Hemu cameras log in, ping and send their events as length-prefixed protobuf frames.
 */
public final class HedgwListener implements Listener {

    /** Set on a connection that a later login of its camera replaced: its end is no offline. */
    static final AttributeKey<Boolean> REPLACED = AttributeKey.valueOf("hedgw-replaced");
    /** Set on a connection whose camera was unbound, which was its offline already. */
    static final AttributeKey<Boolean> UNBOUND = AttributeKey.valueOf("hedgw-unbound");
    /** device_status 44 of 5.2.8: the device has been deleted. */
    static final int DELETED = 44;

    private final String host;
    private final int port;
    private final HedgwSettings settings;
    private final NettyLoops loops;
    private final Supplier<SslContext> ssl;
    private final GatewayCalls platform;
    private final IpCamInbox inbox;
    private final PlanBook plans;
    private final HedgwSessions sessions;
    private final HemuMetrics metrics;
    private final Clock clock;
    private final Optional<HedgwMedia> media;
    private final ServerChannels channels = new ServerChannels("device-hemu-hedgw");

    /**
     * @param ssl      the certificate with the AEAD suites ({@link HedgwTls}), made when the listener starts
     * @param sessions the cameras logged in here, which the platform reaches through a {@link HedgwLink}
     * @param inbox    where the cameras' {@code DevIpCamCmd}s go
     * @param plans    the plans their logins tell them
     * @param media    where their video goes; without it, media packages are counted and dropped
     */
    public HedgwListener(String host, int port, HedgwSettings settings, NettyLoops loops, Supplier<SslContext> ssl,
                         GatewayCalls platform, HedgwSessions sessions, IpCamInbox inbox, PlanBook plans,
                         HemuMetrics metrics, Clock clock, Optional<HedgwMedia> media) {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.loops = loops;
        this.ssl = ssl;
        this.platform = platform;
        this.sessions = sessions;
        this.inbox = inbox;
        this.plans = plans;
        this.metrics = metrics;
        this.clock = clock;
        this.media = media;
        platform.onUnbound(this::deleted);
    }

    /**
     * A camera was unbound: each of its connections is told so ({@code DevServerCmd} type 7,
     * {@code device_status} 44, 5.2.8) and closed, without a second offline.
     */
    private void deleted(String deviceId) {
        for (HedgwSessions.Session session : sessions.of(deviceId)) {
            Channel connection = session.connection();
            connection.eventLoop().execute(() -> {
                connection.attr(UNBOUND).set(true);
                connection.writeAndFlush(HedgwMessages.deviceStatus(DELETED)).addListener(ChannelFutureListener.CLOSE);
            });
        }
    }

    @Override
    public String name() {
        return "device-hemu-hedgw";
    }

    @Override
    public String detail() {
        return "TLS, Hemu HEDGW signalling; cameras ping every " + settings.pingPongSpan().toSeconds() + " s";
    }

    /** The cameras logged in here. */
    public HedgwSessions sessions() {
        return sessions;
    }

    @Override
    public synchronized InetSocketAddress start() {
        SslContext context = ssl.get();
        ServerBootstrap bootstrap = loops.serverBootstrap().childOption(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress address = channels.bind(bootstrap, host, port, ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("tls", context.newHandler(ch.alloc()));
            p.addLast("idle", IdleTimeout.reads(settings.pingPongSpan().multipliedBy(3)));
            p.addLast("probe", IdleTimeout.readsAndWrites(settings.pingPongSpan().multipliedBy(2)));
            HedgwFrameDecoder decoder = new HedgwFrameDecoder(settings.maxFrameBeforeLogin(),
                    settings.maxFrameAfterLogin());
            p.addLast("frames", decoder);
            p.addLast("encoder", HedgwFrameEncoder.INSTANCE);
            p.addLast("camera", new HedgwHandler(platform, inbox, plans, sessions, settings, metrics, clock,
                    decoder, media));
        });
        metrics.track(channels);
        return address;
    }

    @Override
    public synchronized void close() {
        channels.close();
        metrics.untrack(channels);
        media.ifPresent(m -> m.hub().close()); // after the cameras' connections: their files close whole
    }
}
