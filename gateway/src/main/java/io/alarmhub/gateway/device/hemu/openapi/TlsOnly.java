package io.alarmhub.gateway.device.hemu.openapi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The first handler of an OpenAPI connection: a TLS connection gets the TLS handler in its place; a client
 * that speaks plain HTTP to the HTTPS port (the document refuses plain HTTP) gets one clear plain-text 400
 * in the protocol's JSON and the connection closes, rather than a reset it cannot explain.
 *
 * <pre>
 * p.addLast("tls-only", new TlsOnly(sslContext, onPlain));   // here: replaced by "tls" once TLS is seen
 * http.install(p);                                           // the HTTP core
 * </pre>
 */
final class TlsOnly extends ByteToMessageDecoder {

    /** A TLS record header is 5 bytes; that is all it takes to tell. */
    private static final int RECORD_HEADER = 5;
    private static final String PLAIN_BODY =
            "{\"errorCode\":\"400\",\"description\":\"this port speaks HTTPS (TLS 1.2 or newer) only\"}";
    private static final byte[] PLAIN_REFUSAL = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: application/json; charset=UTF-8\r\n"
            + "Connection: close\r\n"
            + "Content-Length: " + PLAIN_BODY.length() + "\r\n\r\n"
            + PLAIN_BODY).getBytes(StandardCharsets.US_ASCII);

    private final SslContext ssl;
    private final Runnable onPlain;
    private boolean refused;

    /** @param onPlain counts a plain connection refused */
    TlsOnly(SslContext ssl, Runnable onPlain) {
        this.ssl = ssl;
        this.onPlain = onPlain;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in)) {
            // The bytes read so far stay in the cumulation and go to the TLS handler when this one leaves.
            ctx.pipeline().replace(this, "tls", ssl.newHandler(ctx.alloc()));
            return;
        }
        refused = true;
        onPlain.run();
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_REFUSAL)).addListener(ChannelFutureListener.CLOSE);
    }
}
