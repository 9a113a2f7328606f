package io.alarmhub.gateway.push.tcp;

import io.alarmhub.gateway.BoundedLineDecoder;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Cuts PushServer's byte stream into lines and parses each into a {@link PushLine}. A line ends with
 * {@code \n}; a {@code \r} before it is dropped; blank lines are skipped. A line longer than
 * {@code maxLineBytes} becomes one {@link PushLine.Oversized} and the rest of it is thrown away up to its
 * newline, so that the next line is read normally: a client that overshoots once is answered, not cut off.
 * Nothing is thrown up the pipeline.
 *
 * <pre>
 * pipeline.addLast("idle", IdleTimeout.reads(Duration.ofMinutes(5)));
 * pipeline.addLast("lines", new PushLineDecoder(64 * 1024));
 * pipeline.addLast("push", new PushTcpHandler(...));
 * </pre>
 */
public final class PushLineDecoder extends BoundedLineDecoder {

    public PushLineDecoder(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected void line(ByteBuf line, List<Object> out) {
        out.add(PushLine.parse(line));
    }

    @Override
    protected void oversized(List<Object> out) {
        out.add(new PushLine.Oversized(maxLineBytes()));
    }
}
