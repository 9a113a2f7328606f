package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.LineTimeoutHandler;
import io.netty.channel.ChannelPipeline;

import java.time.Clock;

/**
 * The pipeline of one device connection:
 *
 * <pre>
 * idle      IdleTimeout             reader idle past heartbeatTimeout → Offline events, connection closed
 * line      LineTimeoutHandler      first line, or a begun line, not complete within lineTimeout → closed
 * frames    JovisionFrameDecoder    bytes → lines (magic stripped, bounded, never throws)
 * messages  JovisionMessageDecoder  line → JovisionMessage (Malformed for bad lines)
 * jovision  JovisionHandler         message → DeviceEvent → DeviceEvents; replies in request order
 * </pre>
 */
final class JovisionPipeline {

    private final DeviceEvents events;
    private final JovisionMetrics metrics;
    private final JovisionSettings settings;
    private final JovisionEventMapper mapper;
    private final Clock clock;

    JovisionPipeline(DeviceEvents events, JovisionMetrics metrics, JovisionSettings settings, Clock clock) {
        this.events = events;
        this.metrics = metrics;
        this.settings = settings;
        this.mapper = new JovisionEventMapper(events, new JovisionMediaUrls(settings.mediaUrlTemplate()));
        this.clock = clock;
    }

    void install(ChannelPipeline p) {
        p.addLast("idle", IdleTimeout.reads(settings.heartbeatTimeout()));
        p.addLast("line", new LineTimeoutHandler(settings.lineTimeout(), metrics::lineTimedOut));
        p.addLast("frames", new JovisionFrameDecoder(settings.maxLineBytes()));
        p.addLast("messages", JovisionMessageDecoder.INSTANCE);
        p.addLast("jovision", new JovisionHandler(events, mapper, metrics, settings.maxBadLines(), clock));
    }
}
