package io.alarmhub.server;

import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.stream.Enterprise;
import io.alarmhub.core.stream.EnterpriseSink;
import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.core.stream.StreamEvents;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.stream.EnterpriseStreamListener;
import io.alarmhub.gateway.stream.StreamSettings;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.gateway.tls.TlsException;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;
import io.alarmhub.server.config.StreamSection;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The enterprise event stream of a node: the sink that queues device events per enterprise, the
 * dispatcher that sends them, and the TLS listener enterprises connect to.
 */
final class EnterpriseFeed implements AutoCloseable {

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("alarmhub-stream", true));
    private final EnterpriseStreams streams;
    private final EnterpriseSink sink;
    private final EnterpriseStreamListener listener;

    /** @param enterprises {@link Enterprises#from} the configuration, as the node checked it at start */
    EnterpriseFeed(AlarmhubConfig config, List<Enterprise> enterprises, PushStore store, Clock clock,
                   String advertisedHost, NettyLoops loops, MeterRegistry registry) {
        StreamSection stream = config.stream();
        streams = new EnterpriseStreams(enterprises, store, clock, scheduler, stream.backlogLimit());
        sink = new EnterpriseSink(enterprises, new StreamEvents(stream.alarmClearAfter(),
                DeviceAdapters.reportingAlarmEnds(config)), clock, streams::committed);
        listener = new EnterpriseStreamListener(loops, tls(config, advertisedHost), streams, registry,
                new StreamSettings(stream.host(), stream.port(), stream.maxLineBytes(), stream.idleTimeout(),
                        stream.loginTimeout()));
    }

    EnterpriseSink sink() {
        return sink;
    }

    EnterpriseStreamListener listener() {
        return listener;
    }

    /** Drops queued events past their enterprise's retention (housekeeping). */
    int dropExpired() {
        return streams.dropExpired();
    }

    private static SslContext tls(AlarmhubConfig config, String advertisedHost) {
        try {
            return ServerTls.context(config.stream().tls().settings(), config.data().dir(), Optional.of(advertisedHost));
        } catch (TlsException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
