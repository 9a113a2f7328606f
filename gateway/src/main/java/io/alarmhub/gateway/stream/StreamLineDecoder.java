package io.alarmhub.gateway.stream;

import io.alarmhub.gateway.BoundedLineDecoder;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** Cuts the decrypted stream into lines and parses each into a {@link StreamLine}; never throws. */
final class StreamLineDecoder extends BoundedLineDecoder {

    StreamLineDecoder(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected void line(ByteBuf line, List<Object> out) {
        out.add(StreamLine.parse(line));
    }

    @Override
    protected void oversized(List<Object> out) {
        out.add(new StreamLine.Oversized(maxLineBytes()));
    }
}
