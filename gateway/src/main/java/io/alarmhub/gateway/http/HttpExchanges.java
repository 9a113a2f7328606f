package io.alarmhub.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Hands the face one request at a time, in the order they arrived, and holds back the rest: a pipelining
 * client gets its answers in request order, and the face never has two answers owed on one connection.
 * While a request is held the connection is not read. An exchange ends when the request has been read to
 * its end and its answer written to its end; then the next request goes to the face.
 *
 * <p>It also answers, in the face's error body, the requests the codec could not read (400, or 414 and
 * 431 for a request line or headers too long: the codec reads nothing more after them, so the connection
 * closes), and takes the idle timeout's event: a connection waiting for the face's answer (say, for the
 * store) is quiet, not idle; any other idle connection is closed and counted.
 *
 * <pre>
 * p.addLast(new ExpectContinue(face));
 * p.addLast(new HttpExchanges(face));   // here
 * p.addLast(new MyFaceHandler());       // one request (head, contents, end) at a time
 * </pre>
 */
final class HttpExchanges extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpExchanges.class);

    private final HttpFace face;
    private final Deque<HttpObject> held = new ArrayDeque<>();
    // Event loop only. An exchange is current from its request's head until both of its ends.
    private boolean current;
    private boolean requestEnded;
    private boolean answerStarted;
    private boolean answerEnded;
    private boolean draining;
    private boolean paused;
    private boolean complained;

    HttpExchanges(HttpFace face) {
        this.face = face;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!held.isEmpty() || (current && requestEnded)) {
            // A later request, pipelined: it waits for the exchange in progress.
            held.add(object);
            if (!paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        accept(ctx, object);
        drain(ctx);
    }

    /** One object of the current request, or the head of the next. */
    private void accept(ChannelHandlerContext ctx, HttpObject object) {
        if (object instanceof HttpRequest request) {
            current = true;
            requestEnded = false;
            answerStarted = false;
            answerEnded = false;
            if (request.decoderResult().isFailure()) {
                requestEnded = true;
                ReferenceCountUtil.release(object);
                refuse(ctx, malformed(request.decoderResult()));
                return;
            }
        } else if (!current) {
            // The body of a request that never reached the face (refused at its Expect): dropped.
            ReferenceCountUtil.release(object);
            return;
        } else if (object.decoderResult().isFailure()) {
            requestEnded = true;
            ReferenceCountUtil.release(object);
            if (answerStarted) {
                ctx.close();
            } else {
                refuse(ctx, new HttpRefusal(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed HTTP body"));
            }
            return;
        }
        if (object instanceof LastHttpContent) {
            requestEnded = true;
        }
        ctx.fireChannelRead(object);
    }

    /** Starts the next held request once the current exchange is over; again while they end at once. */
    private void drain(ChannelHandlerContext ctx) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (true) {
                if (current && requestEnded && answerEnded) {
                    current = false;
                }
                if (current && requestEnded) {
                    return;
                }
                HttpObject next = held.poll();
                if (next == null) {
                    if (paused) {
                        paused = false;
                        ctx.channel().config().setAutoRead(true);
                    }
                    return;
                }
                accept(ctx, next);
            }
        } finally {
            draining = false;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean informational = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof HttpResponse && !informational) {
            answerStarted = true;
        }
        if (msg instanceof LastHttpContent && answerStarted && !informational) {
            ctx.write(msg, promise.unvoid()).addListener((ChannelFutureListener) written -> {
                if (written.isSuccess()) {
                    answerEnded = true;
                    drain(ctx);
                }
            });
            return;
        }
        ctx.write(msg, promise);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRefusal refusal) {
        if (!complained) {
            complained = true;
            log.info("{}: {} {} from {} (further bad requests on this connection are only counted)", face.name(),
                    refusal.status().code(), refusal.message(), ctx.channel().remoteAddress());
        }
        FullHttpResponse response = face.refusal(refusal);
        // The codec reads nothing after a failure: this is the connection's last answer.
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static HttpRefusal malformed(DecoderResult result) {
        if (result.cause() instanceof TooLongHttpLineException) {
            return new HttpRefusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "malformed_http", "request line too long");
        }
        if (result.cause() instanceof TooLongHttpHeaderException) {
            return new HttpRefusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "malformed_http",
                    "headers too large");
        }
        return new HttpRefusal(HttpResponseStatus.BAD_REQUEST, "malformed_http", "malformed HTTP request");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        if (current && requestEnded && !answerStarted) {
            return; // the face is still working on its answer
        }
        face.closed(HttpFace.IDLE);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        HttpObject object;
        while ((object = held.poll()) != null) {
            ReferenceCountUtil.release(object);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The client went away, perhaps in the middle of a request: nothing is wrong here.
            log.debug("{}: connection from {} failed", face.name(), ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("{}: closing connection from {} after an unexpected error", face.name(),
                    ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
