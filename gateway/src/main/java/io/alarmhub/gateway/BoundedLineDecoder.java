package io.alarmhub.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a stream into lines ending in {@code \n} (a {@code \r} before it is dropped), for the protocols
 * that frame JSON by lines. A line longer than the limit is reported once, by {@link #oversized}, and
 * skipped up to its end, without ever being buffered whole; blank lines are skipped. Subclasses turn lines
 * into their protocol's frames, and may consume a preamble first.
 */
public abstract class BoundedLineDecoder extends ByteToMessageDecoder {

    private final int maxLineBytes;
    /** True while skipping the tail of an oversized line. */
    private boolean discarding;

    protected BoundedLineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    protected int maxLineBytes() {
        return maxLineBytes;
    }

    /** Called with each line that is not blank, without its line end; the slice is valid during the call. */
    protected abstract void line(ByteBuf line, List<Object> out);

    /** Called once for each line over the limit. */
    protected abstract void oversized(List<Object> out);

    /** Consumes whatever precedes the lines; returns false to wait for more bytes. */
    protected boolean preamble(ByteBuf in) {
        return true;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!preamble(in)) {
            return;
        }
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (discarding) {
                if (eol < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(eol + 1);
                discarding = false;
                continue;
            }
            if (eol < 0) {
                // One byte of slack for the '\r' that may precede the newline still to come.
                if (in.readableBytes() > maxLineBytes + 1) {
                    in.skipBytes(in.readableBytes());
                    discarding = true;
                    oversized(out);
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            if (length > maxLineBytes) {
                oversized(out);
            } else if (!isBlank(in, in.readerIndex(), length)) {
                line(in.slice(in.readerIndex(), length), out);
            }
            in.readerIndex(eol + 1);
        }
    }

    @Override
    protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // A line without its line end at the end of the stream is incomplete: drop it.
        in.skipBytes(in.readableBytes());
    }

    private static boolean isBlank(ByteBuf in, int from, int length) {
        return length == 0 || in.forEachByte(from, length, b -> b == ' ' || b == '\t' || b == '\r') < 0;
    }
}
