package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves one camera connection: heartbeats ({@code POST} JSON, answered at once, or once the camera's
 * {@code Online} event is durable) and alarm pushes ({@code POST multipart/form-data}, streamed part by
 * part to the upload directory, answered once the media store has the files and the intake the alarm).
 *
 * <p>There is no aggregator: this handler sees the request head and then each chunk of the body as it
 * arrives. A heartbeat body is collected up to its small limit; an alarm body goes to {@link AlarmUpload}.
 * A request refused before its body ended (404, 405, 413, 415 …) is answered at once with
 * {@code Connection: close}; the connection then discards what still arrives for a moment, so that the
 * camera reads the answer instead of a reset, and closes. Requests are answered one at a time, in order.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * p.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
 * p.addLast(new HttpServerCodec());
 * p.addLast(new VStarcamHandler(context));   // here; no HttpObjectAggregator in front
 * </pre>
 */
final class VStarcamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(VStarcamHandler.class);
    private static final String JSON = "application/json; charset=UTF-8";
    /** How long a connection answered before its body ended reads on before it closes. */
    private static final long LINGER_MILLIS = 2_000;

    private enum State {
        /** Waiting for a request. */
        IDLE,
        /** Receiving a heartbeat body. */
        HEARTBEAT,
        /** Receiving an alarm push. */
        ALARM,
        /** A refused request without a body: answered when its (empty) end arrives. */
        REFUSED,
        /** The request is complete; its answer waits for the intake. */
        ANSWERING,
        /** Answered with {@code Connection: close}; whatever still arrives is dropped. */
        CLOSING
    }

    private final VStarcamContext context;
    private final Deque<HttpObject> waiting = new ArrayDeque<>();
    private State state = State.IDLE;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private boolean keepAlive;
    private Instant receivedAt = Instant.EPOCH;
    private Optional<Answer> refusal = Optional.empty();
    private ByteArrayOutputStream heartbeat;
    private AlarmUpload upload;
    private boolean complained;

    VStarcamHandler(VStarcamContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.ANSWERING) {
            // A pipelined request: it waits for the answer owed, and the connection stops reading.
            waiting.add(object);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        try {
            handle(ctx, object);
        } finally {
            ReferenceCountUtil.release(object);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpObject object) {
        if (state == State.CLOSING) {
            return;
        }
        boolean last = object instanceof LastHttpContent;
        try {
            if (object instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (object instanceof HttpContent content && state != State.IDLE && state != State.CLOSING
                    && state != State.ANSWERING) {
                if (content.decoderResult().isFailure()) {
                    throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed HTTP body")
                            .reject();
                }
                body(ctx, content, last);
            }
        } catch (Answer.Rejected rejected) {
            discardBody();
            if (last) {
                answer(ctx, rejected.answer());
            } else {
                answerEarly(ctx, rejected.answer());
            }
        } catch (RuntimeException e) {
            discardBody();
            answerEarly(ctx, Answer.of(e));
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        receivedAt = context.clock().instant();
        refusal = Optional.empty();
        if (request.decoderResult().isFailure()) {
            version = HttpVersion.HTTP_1_1;
            keepAlive = false;
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed HTTP request")
                    .reject();
        }
        version = request.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(request);
        try {
            start(ctx, request);
        } catch (Answer.Rejected rejected) {
            if (!bodyless(request)) {
                throw rejected;
            }
            // Nothing but the end of the request follows: answer it then, and keep the connection.
            refusal = Optional.of(rejected.answer());
            state = State.REFUSED;
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        VStarcamSettings settings = context.settings();
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            // A bad %-escape: Netty's decoder throws rather than answering.
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed path").reject();
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean isHeartbeat = path.equals(settings.heartbeatPath());
        if (!isHeartbeat && !path.equals(settings.alarmPath())) {
            throw Answer.refused(HttpResponseStatus.NOT_FOUND, "not_found", "unknown path").reject();
        }
        if (!HttpMethod.POST.equals(request.method())) {
            throw Answer.refused(HttpResponseStatus.METHOD_NOT_ALLOWED, "method", "use POST").reject();
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.strip())) {
            throw Answer.refused(HttpResponseStatus.EXPECTATION_FAILED, "expectation", "unsupported Expect header")
                    .reject();
        }
        long length = HttpUtil.getContentLength(request, -1L);
        long limit = isHeartbeat ? settings.maxHeartbeatBytes() : settings.maxRequestBytes();
        if (length > limit) {
            throw tooLarge((isHeartbeat ? "heartbeat" : "request") + " larger than " + limit + " bytes");
        }
        if (isHeartbeat) {
            heartbeat = new ByteArrayOutputStream(Math.toIntExact(Math.max(0, Math.min(length, limit))));
            state = State.HEARTBEAT;
        } else {
            if (!isMultipart(request)) {
                throw Answer.refused(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "not_multipart",
                        "alarm must be multipart/form-data").reject();
            }
            upload = new AlarmUpload(context.uploads(), request, settings);
            state = State.ALARM;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
    }

    private void body(ChannelHandlerContext ctx, HttpContent content, boolean last) {
        switch (state) {
            case HEARTBEAT -> {
                int limit = context.settings().maxHeartbeatBytes();
                if (heartbeat.size() + content.content().readableBytes() > limit) {
                    throw tooLarge("heartbeat larger than " + limit + " bytes");
                }
                heartbeat.writeBytes(ByteBufUtil.getBytes(content.content()));
                if (last) {
                    heartbeat(ctx);
                }
            }
            case ALARM -> {
                upload.offer(content);
                if (last) {
                    alarm(ctx);
                }
            }
            case REFUSED -> {
                if (last) {
                    Answer answer = refusal.orElseThrow();
                    refusal = Optional.empty();
                    answer(ctx, answer);
                }
            }
            default -> {
                // Nothing expects a body now.
            }
        }
    }

    private void heartbeat(ChannelHandlerContext ctx) {
        byte[] body = heartbeat.toByteArray();
        heartbeat = null;
        DeviceId device = VStarcamMapper.heartbeat(body);
        context.metrics().heartbeat();
        DeviceEvents events = context.events();
        if (events.online(device)) {
            events.seen(device, receivedAt);
            answer(ctx, Answer.SUCCESS);
            return;
        }
        DeviceEvent.Online online = VStarcamMapper.online(events.nextId(), device, receivedAt, remoteIp(ctx),
                VStarcamMapper.rawHeartbeat(body));
        answerWhenDone(ctx, () -> events.accept(online));
    }

    private void alarm(ChannelHandlerContext ctx) {
        AlarmForm form = upload.finish();
        upload = null;
        try {
            VStarcamMapper.type(form);
        } catch (RuntimeException e) {
            form.release();
            throw e;
        }
        context.metrics().alarm();
        Instant at = receivedAt;
        answerWhenDone(ctx, () -> {
            try {
                return CompletableFuture.supplyAsync(() -> keep(form, at), context.blocking())
                        .thenCompose(context.events()::accept);
            } catch (RejectedExecutionException e) {
                form.release();
                throw e;
            }
        });
    }

    /**
     * Hands the files to the media store, picture first, and makes the alarm of them; deletes what the
     * store did not take (parts of other names, or everything after a failure). Blocks: runs off the loop.
     */
    private DeviceEvent.Alarm keep(AlarmForm form, Instant at) {
        try {
            List<MediaRef> media = new ArrayList<>();
            for (String name : List.of("picture", "video")) {
                Optional<AlarmForm.Part> part = form.file(name);
                if (part.isPresent()) {
                    MediaKind kind = VStarcamMapper.kind(part.get());
                    media.add(context.media().keep(part.get().path(), kind, VStarcamMapper.extension(part.get()),
                            VStarcamMapper.fileName(part.get())));
                    context.metrics().uploaded(kind, part.get().size());
                }
            }
            return VStarcamMapper.alarm(context.events().nextId(), form, at, media);
        } finally {
            form.release();
        }
    }

    /** Answers once the work is done: success when it completes, its failure's answer when it fails. */
    private void answerWhenDone(ChannelHandlerContext ctx, Supplier<CompletableFuture<?>> work) {
        state = State.ANSWERING;
        CompletableFuture<?> done;
        try {
            done = work.get();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> {
            Answer answer = failure == null ? Answer.SUCCESS : Answer.of(failure);
            if (ctx.executor().inEventLoop()) {
                answer(ctx, answer);
                return;
            }
            try {
                ctx.executor().execute(() -> answer(ctx, answer));
            } catch (RejectedExecutionException stopped) {
                log.debug("vstarcam: the listener stopped before {} could be answered", ctx.channel());
            }
        });
    }

    /** Answers a request whose body was read to its end. */
    private void answer(ChannelHandlerContext ctx, Answer answer) {
        if (!ctx.channel().isActive()) {
            state = State.CLOSING;
            releaseWaiting();
            return;
        }
        ChannelFuture written = respond(ctx, answer, keepAlive);
        if (!keepAlive) {
            state = State.CLOSING;
            written.addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
            return;
        }
        state = State.IDLE;
        HttpObject next;
        while (state != State.ANSWERING && state != State.CLOSING && (next = waiting.poll()) != null) {
            try {
                handle(ctx, next);
            } finally {
                ReferenceCountUtil.release(next);
            }
        }
        if (state != State.ANSWERING && state != State.CLOSING) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * Answers a request before its body ended, and closes: first the write side, so that the camera sees
     * the answer end and stops sending, then, after a moment of reading and dropping, the connection.
     */
    private void answerEarly(ChannelHandlerContext ctx, Answer answer) {
        state = State.CLOSING;
        releaseWaiting();
        ctx.channel().config().setAutoRead(true);
        respond(ctx, answer, false).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && written.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            }
            try {
                written.channel().eventLoop().schedule(() -> written.channel().close(), LINGER_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                written.channel().close();
            }
        });
    }

    private ChannelFuture respond(ChannelHandlerContext ctx, Answer answer, boolean keep) {
        answer.reason().ifPresent(reason -> {
            context.metrics().badInput(reason);
            if (!complained) {
                complained = true;
                log.info("vstarcam: {} {} to {} (further refusals on this connection are only counted)",
                        answer.status().code(), answer.message(), ctx.channel().remoteAddress());
            }
        });
        FullHttpResponse response = new DefaultFullHttpResponse(version, answer.status(),
                Unpooled.copiedBuffer(answer.json(), StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (answer.status().code() == HttpResponseStatus.METHOD_NOT_ALLOWED.code()) {
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
        } else if (answer.status().code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
        }
        HttpUtil.setKeepAlive(response, keep);
        return ctx.writeAndFlush(response);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // A connection waiting for the store is quiet, not idle.
            if (state != State.ANSWERING) {
                discardBody();
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != State.ANSWERING) {
            state = State.CLOSING;
        }
        discardBody();
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("vstarcam: connection from {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("vstarcam: closing connection from {} after an unexpected error", ctx.channel().remoteAddress(),
                    cause);
        }
        discardBody();
        ctx.close();
    }

    /** Drops the body received so far, deleting any partial upload. */
    private void discardBody() {
        heartbeat = null;
        if (upload != null) {
            upload.abort();
            upload = null;
        }
    }

    private void releaseWaiting() {
        HttpObject object;
        while ((object = waiting.poll()) != null) {
            ReferenceCountUtil.release(object);
        }
    }

    private static boolean bodyless(HttpRequest request) {
        return !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
    }

    private static String remoteIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private static Answer.Rejected tooLarge(String message) {
        return Answer.refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", message).reject();
    }

    /**
     * Netty's {@code isMultipart} throws, rather than answering, for a multipart type whose boundary
     * parameter it cannot read ({@code boundaryy}, or an empty {@code boundary=}): that is a multipart
     * request, and {@link AlarmUpload} refuses it 400 for its boundary.
     */
    private static boolean isMultipart(HttpRequest request) {
        try {
            return HttpPostRequestDecoder.isMultipart(request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IndexOutOfBoundsException e) {
            return true;
        }
    }
}
