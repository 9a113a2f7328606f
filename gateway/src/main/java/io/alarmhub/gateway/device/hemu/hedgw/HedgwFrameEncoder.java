package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.io.IOException;

/**
 * Writes a {@link Hedgw.HEDGWMessage} as one frame: its 4-byte big-endian length, then its bytes. Stateless,
 * so one instance serves every connection.
 *
 * <pre>
 * pipeline.addLast("tls", hedgwTls.newHandler(ch.alloc()));
 * pipeline.addLast("frames", new HedgwFrameDecoder());
 * pipeline.addLast("encoder", HedgwFrameEncoder.INSTANCE);
 * pipeline.addLast("hedgw", new HedgwHandler(...));
 * </pre>
 */
@ChannelHandler.Sharable
public final class HedgwFrameEncoder extends MessageToByteEncoder<Hedgw.HEDGWMessage> {

    public static final HedgwFrameEncoder INSTANCE = new HedgwFrameEncoder();

    public HedgwFrameEncoder() {
        super(Hedgw.HEDGWMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Hedgw.HEDGWMessage msg, boolean preferDirect) {
        // The exact size is known (getSerializedSize is memoized), so the buffer never grows while writing.
        int size = HedgwFrameDecoder.LENGTH_BYTES + msg.getSerializedSize();
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Hedgw.HEDGWMessage msg, ByteBuf out) throws IOException {
        out.writeInt(msg.getSerializedSize());
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            msg.writeTo(stream);
        }
    }
}
