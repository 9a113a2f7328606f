package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;

/** Opens the package-private PushServer pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class PushTcpFuzzAccess {

    private PushTcpFuzzAccess() {
    }

    /** The listener's own initializer of an accepted connection. */
    public static ChannelHandler initializer(PushContext context, TcpPushSettings settings, MeterRegistry registry) {
        PushMetrics metrics = new PushMetrics(registry, Face.TCP, context.hub().presence());
        return new PushTcpInitializer(context, metrics, settings);
    }
}
