package io.alarmhub.gateway.device.jovision;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The replies of one connection, written in request order although the store completes requests in any
 * order: a device may send an alarm's three FTP messages back to back. Each request takes a slot when it
 * arrives; a slot is written once it and every slot before it has its result. While {@code maxPending}
 * slots wait, or the channel is past its write watermark, the connection stops reading, so that a device
 * that sends faster than the store answers cannot grow the queue without bound.
 *
 * <p>Event loop only.
 */
final class JovisionReplyQueue {

    private final Channel channel;
    private final int maxPending;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private boolean closing;

    JovisionReplyQueue(Channel channel, int maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    /** One reply waiting for its result. */
    static final class Slot {
        /** Empty for the farewell slot of {@link #closeAfterPending()}. */
        private final Optional<JovisionReply> reply;
        private int rt;
        private boolean done;
        private boolean closeAfter;

        private Slot(Optional<JovisionReply> reply) {
            this.reply = reply;
        }
    }

    /** Takes the next slot, for a reply whose result comes later. */
    Slot take(JovisionReply reply) {
        return add(new Slot(Optional.of(reply)));
    }

    /** Closes the connection once the replies queued so far are written. */
    void closeAfterPending() {
        complete(add(new Slot(Optional.empty())), 0, true);
    }

    private Slot add(Slot slot) {
        if (!closing) {
            slots.addLast(slot);
            updateReading();
        }
        return slot;
    }

    /** Queues a reply whose result is known now. */
    void answer(JovisionReply reply, int rt) {
        complete(take(reply), rt, false);
    }

    /**
     * Gives a slot its result and writes what is now in order.
     *
     * @param closeAfter close the connection once this reply is written; later replies are dropped
     */
    void complete(Slot slot, int rt, boolean closeAfter) {
        slot.rt = rt;
        slot.closeAfter = closeAfter;
        slot.done = true;
        flush();
    }

    /** Replies waiting, written or not. */
    int pending() {
        return slots.size();
    }

    /** Called when the channel's writability changes. */
    void updateReading() {
        boolean read = !closing && slots.size() < maxPending && channel.isWritable();
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    private void flush() {
        boolean wrote = false;
        while (!closing && !slots.isEmpty() && slots.peekFirst().done) {
            Slot slot = slots.pollFirst();
            if (slot.reply.isPresent()) {
                channel.write(slot.reply.get().encode(channel.alloc(), slot.rt));
                wrote = true;
            }
            if (slot.closeAfter) {
                closing = true;
                slots.clear();
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            channel.flush();
        }
        updateReading();
    }
}
