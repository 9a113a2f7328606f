package io.alarmhub.gateway.push.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts PushServer's byte stream into lines and parses each into a {@link PushLine}. A line ends with
 * {@code \n}; a {@code \r} before it is dropped; blank lines are skipped. A line longer than
 * {@code maxLineBytes} becomes one {@link PushLine.Oversized} and the rest of it is thrown away up to its
 * newline, so that the next line is read normally: a client that overshoots once is answered, not cut off.
 * Nothing is thrown up the pipeline.
 *
 * <pre>
 * pipeline.addLast("idle", new IdleStateHandler(300, 0, 0, SECONDS));
 * pipeline.addLast("lines", new PushLineDecoder(64 * 1024));
 * pipeline.addLast("push", new PushTcpHandler(...));
 * </pre>
 */
public final class PushLineDecoder extends ByteToMessageDecoder {

    private final int maxLineBytes;
    /** True while skipping the tail of an oversized line. */
    private boolean discarding;

    public PushLineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
                    out.add(new PushLine.Oversized(maxLineBytes));
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            if (length > maxLineBytes) {
                out.add(new PushLine.Oversized(maxLineBytes));
            } else {
                ByteBuf line = in.slice(in.readerIndex(), length);
                if (!PushLine.isBlank(line)) {
                    out.add(PushLine.parse(line));
                }
            }
            in.readerIndex(eol + 1);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // A line without its newline at end of stream is incomplete by the protocol: drop it.
        in.skipBytes(in.readableBytes());
    }
}
