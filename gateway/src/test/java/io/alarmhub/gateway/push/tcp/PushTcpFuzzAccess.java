package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;

/** Opens the package-private PushServer pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class PushTcpFuzzAccess {

    private PushTcpFuzzAccess() {
    }

    /** One PushServer connection: the listener's own initializer on an {@link EmbeddedChannel}. */
    public static EmbeddedChannel connection(PushContext context, TcpPushSettings settings, MeterRegistry registry) {
        PushMetrics metrics = new PushMetrics(registry, Face.TCP, context.hub().presence());
        return new EmbeddedChannel(new PushTcpInitializer(context, metrics, settings));
    }
}
