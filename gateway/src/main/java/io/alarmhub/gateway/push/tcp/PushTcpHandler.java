package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushReplies;
import io.alarmhub.gateway.push.protocol.PushRequest;
import io.alarmhub.gateway.push.protocol.PushSession;
import io.alarmhub.gateway.push.tcp.PushMetrics.BadInput;
import io.alarmhub.gateway.push.tcp.PushMetrics.Closed;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One push protocol connection: turns each {@link PushLine} into a {@link PushRequest} for its
 * {@link PushSession}, and is the session's {@link PushSession.Link}, writing replies and pushes through
 * a {@link PushFraming}. PushServer runs it behind {@link PushLineDecoder}; the WebSocketServer's
 * {@code /ws} path runs it behind a text frame decoder.
 *
 * <pre>
 * pipeline.addLast("idle", IdleTimeout.reads(Duration.ofMinutes(5)));
 * pipeline.addLast("lines", new PushLineDecoder(64 * 1024));
 * pipeline.addLast("push", new PushTcpHandler(context, Face.TCP, PushFraming.LINES, metrics, 10, 64));
 * </pre>
 *
 * <p>Bad input (not JSON, not a request, too long) is answered with {@code {"t":0,"error":…}} and the
 * connection lives on; after {@code maxBadLines} bad lines in a row it is closed. The first bad line of a
 * connection is logged, the rest only counted. Reading stops while the connection is past its write
 * watermark or has {@code maxInFlight} requests unanswered (publishes waiting for the store), so a client
 * that sends faster than it reads cannot grow the server's buffers or monopolize the store's queue.
 */
public final class PushTcpHandler extends SimpleChannelInboundHandler<PushLine> implements PushSession.Link {

    private static final Logger log = LoggerFactory.getLogger(PushTcpHandler.class);

    private final PushContext context;
    private final Face face;
    private final PushFraming framing;
    private final PushMetrics metrics;
    private final int maxBadLines;
    private final int maxInFlight;
    private final PushSession session;
    /** Requests handed to the session and not answered yet; completions arrive on the store's thread. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile Channel channel;
    // Event loop only.
    private boolean opened;
    private boolean closed;
    private boolean closing;
    private boolean loggedBadInput;
    private int badInARow;

    public PushTcpHandler(PushContext context, Face face, PushFraming framing, PushMetrics metrics,
                          int maxBadLines, int maxInFlight) {
        if (maxBadLines < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBadLines and maxInFlight must be positive");
        }
        this.context = context;
        this.face = face;
        this.framing = framing;
        this.metrics = metrics;
        this.maxBadLines = maxBadLines;
        this.maxInFlight = maxInFlight;
        this.session = new PushSession(context, this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // Added to a connection that is already open (accepted sockets, the /ws upgrade): no channelActive follows.
        if (channel.isActive()) {
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
            session.closed();
            context.hub().presence().closed(face);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PushLine line) {
        if (closing) {
            return;
        }
        if (line instanceof PushLine.Request r) {
            PushRequest request = PushRequest.create(r.json(), context.limits());
            submit(ctx, request);
            if (request instanceof PushRequest.Invalid invalid) {
                bad(ctx, BadInput.INVALID, invalid.error());
            } else {
                badInARow = 0;
            }
        } else if (line instanceof PushLine.Malformed m) {
            write(PushReplies.error(m.reason(), Optional.empty()));
            bad(ctx, BadInput.MALFORMED, m.reason());
        } else if (line instanceof PushLine.Oversized o) {
            String error = "line longer than " + o.maxBytes() + " bytes";
            write(PushReplies.error(error, Optional.empty()));
            bad(ctx, BadInput.OVERSIZED, error);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.writable();
        }
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            metrics.closed(Closed.IDLE);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{} {}: {}", face, ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("{} {}: unexpected failure, closing", face, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public Face face() {
        return face;
    }

    @Override
    public void reply(PushRequest request, ObjectNode reply) {
        write(reply);
    }

    @Override
    public boolean push(ObjectNode push) {
        return write(push);
    }

    @Override
    public boolean pushMessage(Message message, String alias) {
        Channel ch = channel;
        ch.writeAndFlush(framing.pushed(ch.alloc(), message, alias));
        return ch.isWritable();
    }

    private boolean write(ObjectNode json) {
        Channel ch = channel;
        ch.writeAndFlush(framing.frame(ch.alloc(), json));
        return ch.isWritable();
    }

    private void open() {
        if (!opened) {
            opened = true;
            context.hub().presence().opened(face);
            metrics.connected();
        }
    }

    private void submit(ChannelHandlerContext ctx, PushRequest request) {
        if (inFlight.incrementAndGet() >= maxInFlight) {
            ctx.channel().config().setAutoRead(false);
        }
        CompletableFuture<Void> done = session.handle(request);
        if (done.isDone()) {
            inFlight.decrementAndGet();
        } else {
            done.whenComplete((ignored, failure) -> {
                // Only the step back under the bound can turn reading on again; it hops to the event loop.
                if (inFlight.decrementAndGet() == maxInFlight - 1) {
                    ctx.executor().execute(this::updateReading);
                }
            });
        }
    }

    private void updateReading() {
        Channel ch = channel;
        ch.config().setAutoRead(ch.isWritable() && inFlight.get() < maxInFlight);
    }

    private void bad(ChannelHandlerContext ctx, BadInput reason, String detail) {
        metrics.badInput(reason);
        if (!loggedBadInput) {
            loggedBadInput = true;
            log.info("{} {}: bad input ({}); further bad input is only counted, {} in a row close the connection",
                    face, ctx.channel().remoteAddress(), detail, maxBadLines);
        }
        if (++badInARow >= maxBadLines) {
            closing = true;
            metrics.closed(Closed.BAD_INPUT);
            // After the error replies already queued, so that the client reads why.
            ctx.writeAndFlush(framing.farewell(maxBadLines + " bad requests in a row"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
