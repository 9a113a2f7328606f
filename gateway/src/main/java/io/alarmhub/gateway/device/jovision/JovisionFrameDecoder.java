package io.alarmhub.gateway.device.jovision;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a device's byte stream into {@link JovisionFrame}s. Devices end each JSON message with {@code \r\n};
 * a bare {@code \n} is accepted too, and blank lines are skipped. Some firmware opens its connection with
 * the 5-byte magic {@code @#1$6}: it is stripped when the stream starts with it (also when it arrives in
 * pieces) and never required. A line longer than {@code maxLineBytes} becomes one
 * {@link JovisionFrame.Oversized} and is skipped up to its newline, so that the next line reads normally.
 * Nothing is thrown up the pipeline.
 *
 * <pre>
 * pipeline.addLast("idle", new IdleStateHandler(180, 0, 0, SECONDS));
 * pipeline.addLast("frames", new JovisionFrameDecoder(16 * 1024));
 * pipeline.addLast("messages", JovisionMessageDecoder.INSTANCE);
 * pipeline.addLast("jovision", new JovisionHandler(...));
 * </pre>
 */
public final class JovisionFrameDecoder extends ByteToMessageDecoder {

    static final byte[] MAGIC = {'@', '#', '1', '$', '6'};

    private final int maxLineBytes;
    /** True until the start of the stream has been checked for the magic. */
    private boolean atStart = true;
    /** True while skipping the tail of an oversized line. */
    private boolean discarding;

    public JovisionFrameDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (atStart && !stripMagic(in)) {
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
                    out.add(new JovisionFrame.Oversized(maxLineBytes));
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            if (length > maxLineBytes) {
                out.add(new JovisionFrame.Oversized(maxLineBytes));
            } else if (!isBlank(in, in.readerIndex(), length)) {
                out.add(new JovisionFrame.Line(in.toString(in.readerIndex(), length, StandardCharsets.UTF_8)));
            }
            in.readerIndex(eol + 1);
        }
    }

    /**
     * Looks at the first bytes of the stream. Returns false while they are a proper prefix of the magic
     * (wait for more), true once decided: the magic skipped, or the stream does not start with it.
     */
    private boolean stripMagic(ByteBuf in) {
        int available = Math.min(in.readableBytes(), MAGIC.length);
        for (int i = 0; i < available; i++) {
            if (in.getByte(in.readerIndex() + i) != MAGIC[i]) {
                atStart = false;
                return true;
            }
        }
        if (available < MAGIC.length) {
            return false;
        }
        in.skipBytes(MAGIC.length);
        atStart = false;
        return true;
    }

    private static boolean isBlank(ByteBuf in, int from, int length) {
        return length == 0 || in.forEachByte(from, length, b -> b == ' ' || b == '\t' || b == '\r') < 0;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // A line without its line end at the end of the stream is incomplete: drop it.
        in.skipBytes(in.readableBytes());
    }
}
