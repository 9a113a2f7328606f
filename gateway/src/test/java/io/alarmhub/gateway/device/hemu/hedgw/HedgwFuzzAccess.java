package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.ThumbnailSettings;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanBook;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;
import io.alarmhub.gateway.device.hemu.platform.IpCamInbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.Optional;

/** Opens the package-private HEDGW handler to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class HedgwFuzzAccess {

    private HedgwFuzzAccess() {
    }

    /**
     * One camera connection on an {@link EmbeddedChannel} with frozen time, the pipeline of
     * {@code HedgwHandlerTest} (the listener's without TLS), handing what the camera reports to {@code inbox}.
     * Every camera is on the configured plan, which asks for no thumbnails, as on a server where no operator set a
     * plan: the dispatch is fuzzed, not the plans.
     */
    public static EmbeddedChannel connection(HemuOnSqlite platform, HedgwSessions sessions, HedgwSettings settings,
                                             MeterRegistry registry, IpCamInbox inbox) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(settings.maxFrameBeforeLogin(), settings.maxFrameAfterLogin());
        channel.pipeline().addLast(IdleTimeout.reads(settings.pingPongSpan().multipliedBy(3)),
                IdleTimeout.readsAndWrites(settings.pingPongSpan().multipliedBy(2)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(new GatewayCalls(platform.directory,
                        Manufacturers.of(HemuOnSqlite.ACME), platform.desk), inbox, configured(settings),
                        sessions, settings,
                        new HemuMetrics(registry), platform.clock, decoder, Optional.empty()));
        return channel;
    }

    /** The plans of a server where no camera has one of its own and {@code hemu.thumbnails} is left as it is. */
    static PlanBook configured(HedgwSettings settings) {
        CameraPlan plan = new CameraPlan(PlanStatus.of(settings.plan()).orElseThrow(), settings.serviceDays(),
                Thumbnails.of(ThumbnailSettings.DEFAULT));
        return new PlanBook() {
            @Override
            public CameraPlan planOf(String deviceId) {
                return plan;
            }

            @Override
            public void loggedIn(String deviceId, CameraPlan told) {
                // the configured plan is never announced, and its span of 0 asks for no thumbnails
            }
        };
    }
}
