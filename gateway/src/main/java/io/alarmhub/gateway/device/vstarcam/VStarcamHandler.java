package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Serves one camera connection: heartbeats ({@code POST} JSON, answered at once, or once the camera's
 * {@code Online} event is durable) and alarm pushes ({@code POST multipart/form-data}, streamed part by
 * part to the upload directory, answered once the media store has the files and the intake the alarm).
 *
 * <p>There is no aggregator: this handler sees the request head and then each chunk of the body as it
 * arrives. A heartbeat body is collected up to its small limit; an alarm body goes to {@link AlarmUpload}.
 * The HTTP core in front hands over one request at a time, answers {@code Expect: 100-continue} (asking
 * {@link VStarcamFace}) and malformed requests, and closes a connection answered before its body ended
 * with a lingering close, so that the camera reads the answer instead of a reset.
 *
 * <pre>
 * ChannelPipeline p = ch.pipeline();
 * http.install(p);                            // the HTTP core (HttpServerPipeline) with a VStarcamFace
 * p.addLast(new VStarcamHandler(context));   // here; no HttpObjectAggregator in front
 * </pre>
 */
final class VStarcamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(VStarcamHandler.class);

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
        /** Answered before the request ended; the rest of it is dropped. */
        DISCARDING
    }

    private final VStarcamContext context;
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
        try {
            if (msg instanceof HttpObject object) {
                handle(ctx, object);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpObject object) {
        boolean last = object instanceof LastHttpContent;
        try {
            if (object instanceof HttpRequest request) {
                begin(request);
            }
            if (object instanceof HttpContent content) {
                body(ctx, content, last);
            }
        } catch (Answer.Rejected rejected) {
            refuse(ctx, rejected.answer(), last);
        } catch (RuntimeException e) {
            refuse(ctx, Answer.of(e), last);
        }
        if (last && state == State.DISCARDING) {
            state = State.IDLE;
        }
    }

    private void begin(HttpRequest request) {
        receivedAt = context.clock().instant();
        refusal = Optional.empty();
        version = request.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(request);
        Optional<Answer> refused = VStarcamFace.refusalOf(context.settings(), request);
        if (refused.isPresent()) {
            if (!bodyless(request)) {
                throw refused.get().reject();
            }
            // Nothing but the end of the request follows: answer it then, and keep the connection.
            refusal = refused;
            state = State.REFUSED;
            return;
        }
        VStarcamSettings settings = context.settings();
        if (VStarcamFace.isHeartbeat(settings, request)) {
            long length = HttpUtil.getContentLength(request, -1L);
            heartbeat = new ByteArrayOutputStream(Math.toIntExact(Math.max(0,
                    Math.min(length, settings.maxHeartbeatBytes()))));
            state = State.HEARTBEAT;
        } else {
            upload = new AlarmUpload(context.uploads(), request, settings);
            state = State.ALARM;
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

    /** Answers a refused request: keeping the connection if its body had ended, closing it otherwise. */
    private void refuse(ChannelHandlerContext ctx, Answer answer, boolean last) {
        discardBody();
        if (last) {
            answer(ctx, answer);
            return;
        }
        state = State.DISCARDING;
        // The core's keep-alive handler closes after this, and lingers while the camera still sends.
        respond(ctx, answer, false);
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
                        .thenCompose(this::accept);
            } catch (RejectedExecutionException e) {
                form.release();
                throw e;
            }
        });
    }

    /**
     * Hands the files to the media store, picture first, and makes the alarm of them; deletes what the
     * store did not take (parts of other names, or everything after a failure), and what it took when a
     * later part fails: the camera is answered a failure and sends it all again. Blocks: runs off the loop.
     */
    private DeviceEvent.Alarm keep(AlarmForm form, Instant at) {
        List<MediaRef> media = new ArrayList<>();
        try {
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
        } catch (RuntimeException e) {
            media.forEach(context.media()::discard);
            throw e;
        } finally {
            form.release();
        }
    }

    /**
     * Hands the alarm to the intake; if it cannot be stored (a full disk), its files are deleted again,
     * off the store's thread: no row refers to them, and the camera is answered a failure and resends.
     */
    private CompletableFuture<Void> accept(DeviceEvent.Alarm alarm) {
        return context.events().accept(alarm).whenComplete((stored, failure) -> {
            if (failure != null && !alarm.media().isEmpty()) {
                try {
                    context.blocking().execute(() -> alarm.media().forEach(context.media()::discard));
                } catch (RejectedExecutionException stopped) {
                    log.debug("vstarcam: stopping; the files of an alarm not stored stay until the sweep");
                }
            }
        });
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
        state = State.IDLE;
        if (ctx.channel().isActive()) {
            respond(ctx, answer, keepAlive);
        }
    }

    private void respond(ChannelHandlerContext ctx, Answer answer, boolean keep) {
        answer.reason().ifPresent(reason -> {
            context.metrics().badInput(reason);
            if (!complained) {
                complained = true;
                log.info("vstarcam: {} {} to {} (further refusals on this connection are only counted)",
                        answer.status().code(), answer.message(), ctx.channel().remoteAddress());
            }
        });
        FullHttpResponse response = VStarcamFace.response(version, answer);
        HttpUtil.setKeepAlive(response, keep);
        ctx.writeAndFlush(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discardBody();
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
}
