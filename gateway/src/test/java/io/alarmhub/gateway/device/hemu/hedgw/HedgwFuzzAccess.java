package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;

/** Opens the package-private HEDGW handler to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class HedgwFuzzAccess {

    private HedgwFuzzAccess() {
    }

    /**
     * One camera connection on an {@link EmbeddedChannel} with frozen time, the pipeline of
     * {@code HedgwHandlerTest} (the listener's without TLS).
     */
    public static EmbeddedChannel connection(HemuOnSqlite platform, HedgwSessions sessions, HedgwSettings settings,
                                             MeterRegistry registry) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(settings.maxFrameBeforeLogin(), settings.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(settings.pingPongSpan().multipliedBy(3)),
                IdleTimeout.readsAndWrites(settings.pingPongSpan().multipliedBy(2)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(HemuOnSqlite.ACME), platform.desk), (deviceId, message) -> { }, sessions, settings,
                        new HemuMetrics(registry), platform.clock, decoder));
        return channel;
    }
}
