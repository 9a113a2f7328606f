package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRefusedException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Request;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One device connection: hands the event of each request to {@link DeviceEvents} and answers {@code rt:0}
 * once it is durable, {@code rt:-1} when it could not be taken, {@code rt:-10} to a request it cannot
 * read. Replies leave in request order ({@link JovisionReplyQueue}).
 *
 * <pre>
 * pipeline.addLast("idle", IdleTimeout.reads(Duration.ofMinutes(3)));
 * pipeline.addLast("frames", new JovisionFrameDecoder(16 * 1024));
 * pipeline.addLast("messages", JovisionMessageDecoder.INSTANCE);
 * pipeline.addLast("jovision", new JovisionHandler(events, mapper, metrics, 10, clock));
 * </pre>
 *
 * <p>A refused device ({@link DeviceRefusedException}) is answered {@code rt:-1} and its connection closed:
 * it would be refused again on every message. A store failure is answered {@code rt:-1} and the connection
 * lives on, so that the device retries. Lines that cannot be answered at all (not JSON, no {@code mt} or
 * {@code mid}) are counted; {@code maxBadLines} of them in a row close the connection. The connection
 * remembers which devices ({@code dguid}) spoke on it: when it goes quiet past the heartbeat timeout, or
 * ends without a 2205, each of them gets an {@code Offline} event. The first bad line, refusal and other
 * failure of a connection are logged, the rest only counted or answered; store failures (a full disk)
 * are logged once a minute across all connections, and so are refusals of a node past its capacity
 * ({@link ServerBusyException}, answered {@code rt:-1} too: the device sends again).
 */
public final class JovisionHandler extends SimpleChannelInboundHandler<JovisionMessage> {

    /** Replies a connection may have waiting before it stops reading. */
    static final int MAX_PENDING = 64;

    private static final Logger log = LoggerFactory.getLogger(JovisionHandler.class);
    /**
     * A full disk fails every device's alarms until it is fixed: across all connections its cause is
     * worth a line a minute, not one per connection.
     */
    private static final RateLimitedLog storeFailures = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);
    /** Past the node's capacity every device's new events are refused: a line a minute says so. */
    private static final RateLimitedLog busy = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    private final DeviceEvents events;
    private final JovisionEventMapper mapper;
    private final JovisionMetrics metrics;
    private final int maxBadLines;
    private final Clock clock;

    // Event loop only.
    private JovisionReplyQueue replies;
    /** The devices this connection spoke for and that have not said goodbye. */
    private final Set<String> present = new LinkedHashSet<>();
    private boolean opened;
    private boolean closed;
    private boolean closing;
    private boolean loggedBadInput;
    private boolean loggedFailure;
    private int badInARow;

    JovisionHandler(DeviceEvents events, JovisionEventMapper mapper, JovisionMetrics metrics, int maxBadLines,
                    Clock clock) {
        if (maxBadLines < 1) {
            throw new IllegalArgumentException("maxBadLines must be positive, was " + maxBadLines);
        }
        this.events = events;
        this.mapper = mapper;
        this.metrics = metrics;
        this.maxBadLines = maxBadLines;
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        replies = new JovisionReplyQueue(ctx.channel(), MAX_PENDING);
        // Added to a connection already open (an accepted socket): no channelActive follows.
        if (ctx.channel().isActive()) {
            open();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        open();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (opened && !closed) {
            closed = true;
            metrics.closed();
            lost("connection closed");
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, JovisionMessage message) {
        if (closing) {
            return;
        }
        if (message instanceof Malformed malformed) {
            malformed(ctx, malformed);
            return;
        }
        badInARow = 0;
        Request request = (Request) message;
        metrics.message(request);
        handle(ctx, request);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        replies.updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            log.debug("device-jovision {}: nothing read within the heartbeat timeout, closing", remote(ctx));
            metrics.heartbeatTimedOut();
            closing = true;
            lost("heartbeat timeout");
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("device-jovision {}: {}", remote(ctx), cause.toString());
        } else {
            log.warn("device-jovision {}: unexpected failure, closing", remote(ctx), cause);
        }
        ctx.close();
    }

    private void open() {
        if (!opened) {
            opened = true;
            metrics.opened();
        }
    }

    private void handle(ChannelHandlerContext ctx, Request request) {
        Instant now = clock.instant();
        DeviceId device = request.device();
        if (request instanceof JovisionMessage.Heartbeat && events.online(device)) {
            // A heartbeat of a device known online is no event: note it, answer at once.
            events.seen(device, now);
            present.add(request.dguid());
            replies.answer(request.reply(), JovisionReply.OK);
            return;
        }
        if (request instanceof JovisionMessage.Offline) {
            present.remove(request.dguid());
        } else {
            present.add(request.dguid());
        }
        DeviceEvent event = mapper.event(request, now, address(ctx));
        JovisionReplyQueue.Slot slot = replies.take(request.reply());
        accept(event).whenComplete((ignored, failure) -> onLoop(ctx, () -> settle(ctx, request, slot, failure)));
    }

    private void settle(ChannelHandlerContext ctx, Request request, JovisionReplyQueue.Slot slot,
                        Throwable failure) {
        if (failure == null) {
            replies.complete(slot, JovisionReply.OK, false);
            return;
        }
        Throwable cause = unwrap(failure);
        boolean refused = cause instanceof DeviceRefusedException;
        if (cause instanceof ServerBusyException) {
            busy.warn("device-jovision: mt " + request.type() + " of " + request.device() + " refused, answering"
                    + " rt:-1: " + cause.getMessage());
        } else if (cause instanceof StoreException) {
            storeFailures.warn("device-jovision: mt " + request.type() + " of " + request.device()
                    + " could not be stored, answering rt:-1: " + cause.getMessage());
        } else if (!loggedFailure) {
            loggedFailure = true;
            if (refused) {
                log.info("device-jovision {}: {}; answering rt:-1 and closing", remote(ctx), cause.getMessage());
            } else {
                log.warn("device-jovision {}: mt {} of {} could not be taken, answering rt:-1 ({}); "
                        + "further failures of this connection are only answered", remote(ctx), request.type(),
                        request.device(), cause.toString());
            }
        }
        if (refused) {
            present.remove(request.dguid());
            closing = true;
        } else if (request instanceof JovisionMessage.Offline) {
            // The goodbye was not stored: the device still counts as here until it is.
            present.add(request.dguid());
        }
        replies.complete(slot, JovisionReply.FAILED, refused);
    }

    private void malformed(ChannelHandlerContext ctx, Malformed malformed) {
        metrics.badInput(malformed.kind());
        Optional<JovisionReply> reply = malformed.reply();
        if (!loggedBadInput) {
            loggedBadInput = true;
            log.info("device-jovision {}: bad input ({}){}; further bad input is only counted, {} unanswerable "
                            + "lines in a row close the connection", remote(ctx), malformed.reason(),
                    reply.isPresent() ? ", answered rt:-10" : "", maxBadLines);
        }
        if (reply.isPresent()) {
            badInARow = 0;
            replies.answer(reply.get(), JovisionReply.MALFORMED);
        } else if (++badInARow >= maxBadLines) {
            closing = true;
            log.debug("device-jovision {}: {} unanswerable lines in a row, closing", remote(ctx), maxBadLines);
            replies.closeAfterPending();
        }
    }

    /** Tells the store that the devices of this connection are gone, without waiting for it. */
    private void lost(String reason) {
        if (present.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (String dguid : List.copyOf(present)) {
            DeviceEvent.Offline offline = mapper.lost(dguid, now, reason);
            accept(offline).whenComplete((ignored, failure) -> {
                if (failure != null && unwrap(failure) instanceof StoreException) {
                    storeFailures.warn("device-jovision: offline event of " + offline.device()
                            + " could not be stored: " + unwrap(failure).getMessage());
                } else if (failure != null) {
                    log.warn("device-jovision: offline event of {} not taken: {}", offline.device(),
                            unwrap(failure).toString());
                }
            });
        }
        present.clear();
    }

    private CompletableFuture<Void> accept(DeviceEvent event) {
        try {
            return events.accept(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Store completions arrive on the store's thread; replies are written on the connection's loop. */
    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down with the listener: the connection and its replies are gone.
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Optional<String> address(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress().getHostAddress()) : Optional.empty();
    }

    private static Object remote(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote == null ? "(unconnected)" : remote;
    }
}
