package io.alarmhub.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires an {@link IdleStateEvent} once a connection has been quiet for its idle timeout, as Netty's
 * {@link IdleStateHandler} does, but measures time on the clock of the connection's own event loop, the one
 * its scheduled tasks run by, never on {@code System.nanoTime} directly. An {@code EmbeddedChannel} with frozen time
 * ({@code freezeTime}, {@code advanceTimeBy}) therefore sees a connection go idle exactly when the test
 * says, and a test of an idle timeout needs no real clock.
 *
 * <p>One check is pending per connection. A read only sets a flag; the loop's clock ({@link LoopClock}) is
 * read once per read burst, in {@code channelReadComplete}, and once per completed write where writes count.
 * When the check runs and there was activity, it is scheduled again for what is left of the timeout after
 * the latest activity, so a busy connection costs one task per timeout, not one per message. A connection
 * kept open after its event hears again after another timeout; as with {@code IdleStateHandler}, only the
 * first event of a quiet spell says {@link IdleStateEvent#isFirst()}.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * p.addLast("idle", IdleTimeout.reads(settings.idleTimeout()));   // READER_IDLE after 5 quiet minutes
 * p.addLast(new LineBasedFrameDecoder(maxLineBytes));
 * p.addLast(new MyHandler());                                    // closes on the IdleStateEvent
 * </pre>
 */
public final class IdleTimeout extends ChannelDuplexHandler {

    private final long timeoutNanos;
    private final IdleStateEvent first;
    private final IdleStateEvent again;
    private final boolean watchesWrites;
    private final boolean observesOutput;
    private final ChannelFutureListener written = future -> activity();

    // Event loop only.
    private ScheduledFuture<?> check;
    private LoopClock clock;
    /** When the latest activity was, on {@link #clock}. */
    private long lastActivity;
    /** Activity not yet placed on the clock (a read burst still going on). */
    private boolean reading;
    /** Whether the next event is the first of its quiet spell ({@link IdleStateEvent#isFirst()}). */
    private boolean firstOfSpell = true;
    private Object lastOutput;
    private long lastOutputProgress = -1;

    private IdleTimeout(Duration timeout, IdleStateEvent first, IdleStateEvent again, boolean watchesWrites,
                        boolean observesOutput) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, was " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.first = first;
        this.again = again;
        this.watchesWrites = watchesWrites;
        this.observesOutput = observesOutput;
    }

    /** {@link IdleState#READER_IDLE} once nothing has been read for {@code timeout}. */
    public static IdleTimeout reads(Duration timeout) {
        return new IdleTimeout(timeout, IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT,
                IdleStateEvent.READER_IDLE_STATE_EVENT, false, false);
    }

    /** {@link IdleState#ALL_IDLE} once nothing has been read or written for {@code timeout}. */
    public static IdleTimeout readsAndWrites(Duration timeout) {
        return new IdleTimeout(timeout, IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT,
                IdleStateEvent.ALL_IDLE_STATE_EVENT, true, false);
    }

    /**
     * As {@link #readsAndWrites}, and a write still in progress counts as activity while its bytes move: a
     * long download to a slow client is not idle however long it takes.
     */
    public static IdleTimeout readsAndWritesInProgress(Duration timeout) {
        return new IdleTimeout(timeout, IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT,
                IdleStateEvent.ALL_IDLE_STATE_EVENT, true, true);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
        super.channelRegistered(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (reading) {
            reading = false;
            activity();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (watchesWrites) {
            ctx.write(msg, promise.unvoid()).addListener(written);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            clock = LoopClock.of(ctx.executor());
            lastActivity = clock.nanos();
            schedule(ctx, timeoutNanos);
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void activity() {
        firstOfSpell = true;
        if (clock != null) {
            lastActivity = clock.nanos();
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = clock.nanos();
        if (reading || outputMoved(ctx)) {
            // Activity the check interrupts, or a write still moving: as if it happened now.
            lastActivity = now;
            firstOfSpell = true;
        }
        long quietFor = now - lastActivity;
        if (quietFor < timeoutNanos) {
            schedule(ctx, timeoutNanos - quietFor);
            return;
        }
        IdleStateEvent event = firstOfSpell ? first : again;
        firstOfSpell = false;
        ctx.fireUserEventTriggered(event);
        // A handler that keeps the connection open hears again after as long, an event that is not the
        // spell's first (as IdleStateHandler's): a ping on the first, a close on the next, say.
        if (ctx.channel().isOpen() && check == null) {
            lastActivity = now;
            schedule(ctx, timeoutNanos);
        }
    }

    /** Whether a write in progress has moved bytes since the last check ({@code readsAndWritesInProgress}). */
    private boolean outputMoved(ChannelHandlerContext ctx) {
        if (!observesOutput) {
            return false;
        }
        Channel.Unsafe unsafe = ctx.channel().unsafe();
        ChannelOutboundBuffer buffer = unsafe.outboundBuffer();
        if (buffer == null) {
            return false;
        }
        Object current = buffer.current();
        long progress = buffer.currentProgress();
        boolean moved = current != null && (current != lastOutput || progress != lastOutputProgress);
        lastOutput = current;
        lastOutputProgress = progress;
        return moved;
    }
}
