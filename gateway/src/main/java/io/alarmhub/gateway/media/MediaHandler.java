package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaFiles;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Answers the requests of one media connection: {@code GET} or {@code HEAD /media/<key>?expires=&sig=}.
 * The signature is checked first (403, so that nobody learns which keys exist without a URL), then the
 * file is looked up (404) and streamed: a {@link DefaultFileRegion} (sendfile, no copy through the heap)
 * on plain connections, a {@link ChunkedFile} when a TLS handler sits in front. A single {@code Range} is
 * honoured (206, or 416 past the end).
 *
 * <p>The HTTP core in front hands over one request at a time: while a file is being sent, later pipelined
 * requests wait there and the connection is not read, so that one connection holds at most one open file.
 *
 * <p>Opening a file and sendfile touch the disk on the event loop, as Netty's own file server does; the
 * files are small pictures and clips on a local disk.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * http.install(p);                                     // the HTTP core (HttpServerPipeline), downloads()
 * p.addLast(new ChunkedWriteHandler());
 * p.addLast(new MediaHandler(files, metrics, clock));   // here
 * </pre>
 */
final class MediaHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger log = LoggerFactory.getLogger(MediaHandler.class);
    private static final String PREFIX = "/media/";
    private static final int CHUNK_BYTES = 64 * 1024;

    private final MediaFiles files;
    private final MediaMetrics metrics;
    private final Clock clock;
    private boolean complained;

    MediaHandler(MediaFiles files, MediaMetrics metrics, Clock clock) {
        this.files = files;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        // Request bodies mean nothing here: their content is dropped (and released) as it comes.
        if (message instanceof HttpRequest request) {
            serve(ctx, request);
        }
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            // Its body, if any, would be read for nothing: close.
            refuse(ctx, request, version, false, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD");
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!uri.path().startsWith(PREFIX)) {
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.NOT_FOUND, "not found");
            return;
        }
        String key = uri.path().substring(PREFIX.length());
        Optional<String> signature = parameter(uri, "sig");
        Optional<Long> expires = parameter(uri, "expires").flatMap(MediaHandler::parseLong);
        if (signature.isEmpty() || expires.isEmpty()) {
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.FORBIDDEN, "missing signature");
            return;
        }
        if (!files.signer().authentic(key, expires.get(), signature.get())) {
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.FORBIDDEN, "bad signature");
            return;
        }
        long now = clock.instant().getEpochSecond();
        if (now > expires.get()) {
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.FORBIDDEN, "url expired");
            return;
        }
        Optional<Path> path = files.file(key);
        if (path.isEmpty()) {
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.NOT_FOUND, "unknown media");
            return;
        }
        RandomAccessFile file;
        long length;
        try {
            file = new RandomAccessFile(path.get().toFile(), "r");
            length = file.length();
        } catch (FileNotFoundException gone) {
            // Deleted by the sweep since it was looked up.
            refuse(ctx, request, version, keepAlive, HttpResponseStatus.NOT_FOUND, "unknown media");
            return;
        } catch (IOException e) {
            log.warn("media: cannot read {}: {}", path.get(), e.getMessage());
            metrics.answered(HttpResponseStatus.INTERNAL_SERVER_ERROR.code());
            respond(ctx, version, false,
                    MediaFace.error(version, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read media"));
            return;
        }
        send(ctx, request, version, keepAlive, key, file, length, expires.get() - now);
    }

    private void send(ChannelHandlerContext ctx, HttpRequest request, HttpVersion version, boolean keepAlive,
                      String key, RandomAccessFile file, long length, long maxAgeSeconds) {
        String etag = "\"" + key + "\"";
        boolean head = request.method().equals(HttpMethod.HEAD);
        // Ranges are defined for GET only; an If-Range that is not this file's tag asks for the whole file.
        Optional<String> range = head ? Optional.empty() : header(request, HttpHeaderNames.RANGE)
                .filter(r -> header(request, HttpHeaderNames.IF_RANGE).map(etag::equals).orElse(true));
        ByteRange.Asked asked = ByteRange.parse(range, length);
        if (asked instanceof ByteRange.Unsatisfiable) {
            close(file);
            FullHttpResponse response = MediaFace.error(version, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "range not satisfiable");
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
            metrics.answered(response.status().code());
            respond(ctx, version, keepAlive, response);
            return;
        }
        ByteRange part = asked instanceof ByteRange.Part p ? p.range() : new ByteRange(0, length - 1);
        HttpResponseStatus status = asked instanceof ByteRange.Part
                ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK;
        HttpResponse response = new DefaultHttpResponse(version, status);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, MediaTypes.of(key))
                .set(HttpHeaderNames.CONTENT_LENGTH, part.length())
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=" + Math.max(0, maxAgeSeconds))
                .set("X-Content-Type-Options", "nosniff");
        if (status.equals(HttpResponseStatus.PARTIAL_CONTENT)) {
            headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + length);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        metrics.answered(status.code());
        ctx.write(response);
        if (head || part.length() == 0) {
            close(file);
            finish(ctx, ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), 0);
            return;
        }
        ChannelFuture last;
        if (ctx.pipeline().get(SslHandler.class) == null) {
            ctx.write(new DefaultFileRegion(file.getChannel(), part.first(), part.length()));
            last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            try {
                last = ctx.writeAndFlush(new HttpChunkedInput(
                        new ChunkedFile(file, part.first(), part.length(), CHUNK_BYTES)));
            } catch (IOException e) {
                close(file);
                ctx.close();
                return;
            }
        }
        finish(ctx, last, part.length());
    }

    /**
     * Once the response is out, counts it. The core closes a connection without keep-alive, and hands over
     * the next request only now, so that a connection holds at most one open file.
     */
    private void finish(ChannelHandlerContext ctx, ChannelFuture last, long bodyBytes) {
        last.addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                log.debug("media: sending to {} failed", ctx.channel().remoteAddress(), written.cause());
                ctx.close();
                return;
            }
            metrics.sent(bodyBytes);
        });
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, HttpVersion version, boolean keepAlive,
                        HttpResponseStatus status, String error) {
        metrics.answered(status.code());
        if (!complained) {
            complained = true;
            // The path only: the query holds the signature.
            log.info("media: {} from {} for {}: {} (further refusals on this connection are only counted)",
                    status.code(), ctx.channel().remoteAddress(), new QueryStringDecoder(request.uri()).rawPath(),
                    error);
        }
        FullHttpResponse response = MediaFace.error(version, status, error);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        respond(ctx, version, keepAlive, response);
    }

    private void respond(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        finish(ctx, ctx.writeAndFlush(response), 0);
    }

    private static Optional<String> parameter(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Optional<String> header(HttpRequest request, CharSequence name) {
        return Optional.ofNullable(request.headers().get(name));
    }

    private static Optional<Long> parseLong(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static void close(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException e) {
            log.debug("media: closing a file failed", e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("media: connection from {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("media: closing connection from {} after an unexpected error", ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }
}
