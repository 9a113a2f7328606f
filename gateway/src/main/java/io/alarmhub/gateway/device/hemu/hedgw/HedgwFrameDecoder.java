package io.alarmhub.gateway.device.hemu.hedgw;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.Optional;

/**
 * Cuts a camera's HEDGW byte stream into {@link HedgwFrame}s: a 4-byte big-endian length, then that many
 * bytes of one protobuf {@link Hedgw.HEDGWMessage}. Nothing is thrown up the pipeline for what a camera
 * sends:
 * <ul>
 *   <li>a length of 0 or over the limit is one {@link HedgwFrame.Bad} ({@code ZERO_LENGTH}, {@code TOO_LONG})
 *       and everything after it is discarded: without a trustworthy length the next frame cannot be found,
 *       so the handler closes the connection ({@link HedgwFrame.Reason#endsStream()});</li>
 *   <li>a body that is not a message is {@code UNPARSEABLE}, and one that lacks a required field (or the
 *       submessage its type names, see {@link HedgwMessages#type}) is {@code MISSING_REQUIRED} with what did
 *       parse; the length framing is intact, so the next frame is read.</li>
 * </ul>
 *
 * <p>The limit is {@code maxFrameBeforeLogin} (4 KiB: a login is small, and an unauthenticated peer must not
 * make us hold much) until {@link #loggedIn()}, then {@code maxFrameAfterLogin} (2 MiB: media packages are
 * large). A length over the limit is refused as soon as its 4 bytes are read, so no more than the limit and
 * 4 bytes are ever waited for.
 *
 * <pre>
 * pipeline.addLast("tls", HedgwTls.serverContext(tls, dataDir, host).newHandler(ch.alloc()));
 * pipeline.addLast("idle", IdleTimeout.reads(Duration.ofMinutes(3)));
 * pipeline.addLast("frames", new HedgwFrameDecoder());
 * pipeline.addLast("encoder", HedgwFrameEncoder.INSTANCE);
 * pipeline.addLast("hedgw", new HedgwHandler(...)); // calls frames.loggedIn() after a good login
 * </pre>
 */
public final class HedgwFrameDecoder extends ByteToMessageDecoder {

    public static final int LENGTH_BYTES = 4;
    public static final int DEFAULT_MAX_FRAME_BEFORE_LOGIN = 4 * 1024;
    public static final int DEFAULT_MAX_FRAME_AFTER_LOGIN = 2 * 1024 * 1024;

    private final int maxFrameBeforeLogin;
    private final int maxFrameAfterLogin;
    private boolean loggedIn;
    /** Set after a bad length: the stream cannot be resynchronised, every further byte is dropped. */
    private boolean discarding;

    public HedgwFrameDecoder() {
        this(DEFAULT_MAX_FRAME_BEFORE_LOGIN, DEFAULT_MAX_FRAME_AFTER_LOGIN);
    }

    /** Both limits count the message's bytes, without the 4 of the length. */
    public HedgwFrameDecoder(int maxFrameBeforeLogin, int maxFrameAfterLogin) {
        if (maxFrameBeforeLogin < 1 || maxFrameAfterLogin < maxFrameBeforeLogin) {
            throw new IllegalArgumentException("limits must be 1 <= before login (" + maxFrameBeforeLogin
                    + ") <= after login (" + maxFrameAfterLogin + ")");
        }
        this.maxFrameBeforeLogin = maxFrameBeforeLogin;
        this.maxFrameAfterLogin = maxFrameAfterLogin;
    }

    /** The camera has logged in: from the next frame on, frames up to {@code maxFrameAfterLogin} are read. */
    public void loggedIn() {
        loggedIn = true;
    }

    /** The largest message (without its length) accepted now. */
    public int maxFrame() {
        return loggedIn ? maxFrameAfterLogin : maxFrameBeforeLogin;
    }

    /** True once a bad length was read: the rest of the stream is being dropped. */
    public boolean discarding() {
        return discarding;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        // Unsigned: a length with the top bit set is a very large one, not a negative one.
        long length = in.getUnsignedInt(in.readerIndex());
        if (length == 0 || length > maxFrame()) {
            discarding = true;
            in.skipBytes(in.readableBytes());
            out.add(length == 0
                    ? new HedgwFrame.Bad(HedgwFrame.Reason.ZERO_LENGTH, "frame length 0")
                    : new HedgwFrame.Bad(HedgwFrame.Reason.TOO_LONG,
                            "frame length " + length + " over the limit of " + maxFrame()
                                    + (loggedIn ? "" : " before login")));
            return;
        }
        int size = (int) length;
        if (in.readableBytes() < LENGTH_BYTES + size) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        int start = in.readerIndex();
        in.skipBytes(size);
        out.add(frame(in, start, size));
    }

    private static HedgwFrame frame(ByteBuf in, int start, int size) {
        Hedgw.HEDGWMessage message;
        try {
            // Partial: a message that lacks a required field still parses, so that it can be answered.
            // Not aliased: byte fields are copies, the frame's buffer is released by ByteToMessageDecoder.
            CodedInputStream input = input(in, start, size);
            message = Hedgw.HEDGWMessage.parser().parsePartialFrom(input);
            // A stray END_GROUP tag stops parsing early; parseFrom(byte[]) checks the same.
            input.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            return new HedgwFrame.Bad(HedgwFrame.Reason.UNPARSEABLE, "not a HEDGWMessage: " + e.getMessage());
        }
        if (!message.isInitialized()) {
            return new HedgwFrame.Bad(HedgwFrame.Reason.MISSING_REQUIRED, "required fields missing",
                    Optional.of(message));
        }
        if (HedgwMessages.type(message).isEmpty()) {
            return new HedgwFrame.Bad(HedgwFrame.Reason.MISSING_REQUIRED,
                    "message_type " + message.getMessageType() + " without its submessage", Optional.of(message));
        }
        return new HedgwFrame.Message(message);
    }

    /**
     * Always protobuf's array decoder: its direct-buffer decoder reports some bad input differently (a
     * truncated field as an end-group mismatch; found by HedgwFrameFuzzTest), and the cumulation is heap or
     * direct depending on how the bytes arrived, so the same frame would read differently. A direct buffer
     * costs one copy of the frame (at most maxFrameAfterLogin).
     */
    private static CodedInputStream input(ByteBuf in, int start, int size) {
        if (in.hasArray()) {
            return CodedInputStream.newInstance(in.array(), in.arrayOffset() + start, size);
        }
        return CodedInputStream.newInstance(ByteBufUtil.getBytes(in, start, size, false));
    }
}
