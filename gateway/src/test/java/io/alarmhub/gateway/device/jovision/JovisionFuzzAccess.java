package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.DeviceEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Clock;

/** Opens the package-private Jovision pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class JovisionFuzzAccess {

    private JovisionFuzzAccess() {
    }

    /** One device connection: the listener's own pipeline on an {@link EmbeddedChannel}. */
    public static EmbeddedChannel connection(DeviceEvents events, MeterRegistry registry, JovisionSettings settings,
                                             Clock clock) {
        EmbeddedChannel channel = new EmbeddedChannel();
        new JovisionPipeline(events, new JovisionMetrics(registry), settings, clock)
                .install(channel.pipeline());
        return channel;
    }
}
