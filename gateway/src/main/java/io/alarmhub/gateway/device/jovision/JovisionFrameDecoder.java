package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.BoundedLineDecoder;
import io.netty.buffer.ByteBuf;

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
 * pipeline.addLast("idle", IdleTimeout.reads(Duration.ofMinutes(3)));
 * pipeline.addLast("frames", new JovisionFrameDecoder(16 * 1024));
 * pipeline.addLast("messages", JovisionMessageDecoder.INSTANCE);
 * pipeline.addLast("jovision", new JovisionHandler(...));
 * </pre>
 */
public final class JovisionFrameDecoder extends BoundedLineDecoder {

    static final byte[] MAGIC = {'@', '#', '1', '$', '6'};

    /** True until the start of the stream has been checked for the magic. */
    private boolean atStart = true;

    public JovisionFrameDecoder(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected boolean preamble(ByteBuf in) {
        return !atStart || stripMagic(in);
    }

    @Override
    protected void line(ByteBuf line, List<Object> out) {
        out.add(new JovisionFrame.Line(line.toString(StandardCharsets.UTF_8)));
    }

    @Override
    protected void oversized(List<Object> out) {
        out.add(new JovisionFrame.Oversized(maxLineBytes()));
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
}
