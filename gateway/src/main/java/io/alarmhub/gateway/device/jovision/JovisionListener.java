package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;

/** The Jovision CloudSEE alarm server: devices connect on TCP 12008 and send JSON lines. */
public final class JovisionListener implements Listener {

    public static final String NAME = "device-jovision";

    private static final Logger log = LoggerFactory.getLogger(JovisionListener.class);

    private final NettyLoops loops;
    private final JovisionSettings settings;
    private final JovisionPipeline pipeline;
    private final ServerChannels channels = new ServerChannels(NAME);

    public JovisionListener(NettyLoops loops, DeviceEvents events, MeterRegistry registry,
                            JovisionSettings settings) {
        this(loops, events, registry, settings, Clock.systemUTC());
    }

    public JovisionListener(NettyLoops loops, DeviceEvents events, MeterRegistry registry,
                            JovisionSettings settings, Clock clock) {
        this.loops = loops;
        this.settings = settings;
        this.pipeline = new JovisionPipeline(events, new JovisionMetrics(registry), settings, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InetSocketAddress start() {
        if (!settings.mediaUrlConfigured()) {
            log.warn("{}: the media URL template is not configured; pictures and clips of the FTP and cloud "
                    + "schemes get URLs like {} until it is set", NAME, settings.mediaUrlTemplate());
        }
        return channels.bind(loops.serverBootstrap(), settings.host(), settings.port(),
                ch -> pipeline.install(ch.pipeline()));
    }

    @Override
    public void close() {
        channels.close();
    }
}
