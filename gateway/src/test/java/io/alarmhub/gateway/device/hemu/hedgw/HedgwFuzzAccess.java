package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.IpCamInbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;

/** Opens the package-private HEDGW handler to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class HedgwFuzzAccess {

    private HedgwFuzzAccess() {
    }

    /**
     * One camera connection on an {@link EmbeddedChannel} with frozen time, the pipeline of
     * {@code HedgwHandlerTest} (the listener's without TLS), handing what the camera reports to {@code inbox}.
     */
    public static EmbeddedChannel connection(HemuOnSqlite platform, HedgwSessions sessions, HedgwSettings settings,
                                             MeterRegistry registry, IpCamInbox inbox) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(settings.maxFrameBeforeLogin(), settings.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(settings.pingPongSpan().multipliedBy(3)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(HemuOnSqlite.ACME), platform.desk), inbox, sessions, settings,
                        new HemuMetrics(registry), platform.clock, decoder));
        return channel;
    }
}
