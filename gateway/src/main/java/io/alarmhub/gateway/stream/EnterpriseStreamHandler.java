package io.alarmhub.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.stream.EnterpriseStreams;
import io.alarmhub.core.stream.LoginResult;
import io.alarmhub.core.stream.StreamConnection;
import io.alarmhub.core.stream.StreamEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One enterprise connection: reads {@link StreamLine}s (login, ping, ack) and is the connection's
 * {@link StreamConnection} for {@link EnterpriseStreams}. Everything written goes through the channel's
 * event loop queue, so replies and events reach the wire in the order they were produced, whichever thread
 * produced them. Secrets are never logged.
 */
final class EnterpriseStreamHandler extends SimpleChannelInboundHandler<StreamLine> implements StreamConnection {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseStreamHandler.class);
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,18}");

    private enum State { NEW, LOGGING_IN, LOGGED_IN, CLOSED }

    private final EnterpriseStreams streams;
    private final StreamMetrics metrics;
    private final Duration loginTimeout;

    private volatile Channel channel;
    private volatile boolean closing;
    /** The first reason the server gave for ending the connection; none means the client hung up. */
    private volatile StreamMetrics.Closed closeReason;
    // Event loop only.
    private State state = State.NEW;
    private String enterpriseId = "";
    private ScheduledFuture<?> loginTimer;

    EnterpriseStreamHandler(EnterpriseStreams streams, StreamMetrics metrics, Duration loginTimeout) {
        super(StreamLine.class);
        this.streams = streams;
        this.metrics = metrics;
        this.loginTimeout = loginTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loginTimer = ctx.executor().schedule(() -> {
            if (state == State.NEW || state == State.LOGGING_IN) {
                log.debug("{}: no login within {}, closing", channel.remoteAddress(), loginTimeout);
                closeNow(StreamMetrics.Closed.LOGIN_TIMEOUT);
            }
        }, loginTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StreamLine line) {
        if (state == State.CLOSED || closing) {
            return;
        }
        if (line instanceof StreamLine.Oversized o) {
            invalid("line longer than " + o.maxLineBytes() + " bytes");
        } else if (line instanceof StreamLine.Malformed m) {
            invalid(m.reason());
        } else {
            request(((StreamLine.Request) line).json());
        }
    }

    private void request(ObjectNode json) {
        JsonNode cmd = json.get("cmd");
        if (cmd == null || !cmd.isTextual()) {
            invalid("cmd is missing");
            return;
        }
        switch (cmd.textValue()) {
            case "enterprise_login_req" -> login(json);
            case "enterprise_ping" -> {
                if (state == State.LOGGED_IN) {
                    write("{\"cmd\":\"enterprise_pong\"}");
                } else {
                    invalid("log in first");
                }
            }
            case "enterprise_event_ack" -> ack(json);
            default -> invalid("unknown cmd");
        }
    }

    private void login(ObjectNode json) {
        if (state != State.NEW) {
            invalid(state == State.LOGGING_IN ? "login in progress" : "already logged in");
            return;
        }
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            refuse("data is missing");
            return;
        }
        JsonNode id = data.get("enterprise_id");
        JsonNode secret = data.get("enterprise_secret");
        if (id == null || !id.isTextual()) {
            refuse("enterprise_id is missing or not a string");
            return;
        }
        if (secret == null || !secret.isTextual()) {
            refuse("enterprise_secret is missing or not a string");
            return;
        }
        OptionalLong prefetch = integer(data.get("prefetch_count"));
        if (prefetch.isEmpty()) {
            refuse("prefetch_count is missing or not an integer within " + EnterpriseStreams.MIN_PREFETCH + ".."
                    + EnterpriseStreams.MAX_PREFETCH);
            return;
        }
        state = State.LOGGING_IN;
        enterpriseId = id.textValue();
        streams.login(enterpriseId, secret.textValue(), prefetch.getAsLong(), this).whenComplete((r, failure) -> {
            if (failure != null) {
                log.error("{}: login of enterprise {} failed", channel.remoteAddress(), shown(enterpriseId), failure);
                loginResult(LoginResult.failed("internal error"));
            }
        });
    }

    private void refuse(String message) {
        state = State.LOGGING_IN;
        loginResult(LoginResult.failed(message));
    }

    private void ack(ObjectNode json) {
        if (state != State.LOGGED_IN) {
            invalid("log in first");
            return;
        }
        OptionalLong id = integer(json.get("delivery_id"));
        if (id.isEmpty()) {
            invalid("delivery_id is missing or not an integer");
            return;
        }
        if (streams.ack(this, id.getAsLong())) {
            metrics.acked();
        } else {
            log.debug("{}: enterprise {} acked delivery {} it does not have in flight; ignored",
                    channel.remoteAddress(), shown(enterpriseId), id.getAsLong());
        }
    }

    private void invalid(String message) {
        metrics.invalid();
        ObjectNode reply = StreamLine.JSON.object().put("cmd", "invalid_msg").put("msg", message);
        write(reply.toString());
    }

    @Override
    public void loginResult(LoginResult result) {
        ObjectNode reply = StreamLine.JSON.object().put("cmd", "enterprise_login_res");
        reply.putObject("data").put("result", result.ok()).put("msg", result.message());
        String line = reply.toString();
        if (!result.ok()) {
            reason(StreamMetrics.Closed.LOGIN_REFUSED);
            closing = true;
        }
        onLoop(() -> {
            metrics.login(result.ok());
            if (result.ok()) {
                if (state == State.LOGGING_IN) {
                    state = State.LOGGED_IN;
                }
                loginTimer.cancel(false);
                log.info("{}: enterprise {} logged in", channel.remoteAddress(), shown(enterpriseId));
                write(line);
            } else {
                log.info("{}: login of enterprise {} refused: {}", channel.remoteAddress(), shown(enterpriseId),
                        result.message());
                channel.writeAndFlush(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    @Override
    public boolean send(StreamEvent event) {
        if (!isOpen()) {
            return false;
        }
        String line = event.message();
        if (!onLoop(() -> write(line))) {
            return false;
        }
        metrics.sent();
        return true;
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && !closing;
    }

    @Override
    public void close() {
        reason(StreamMetrics.Closed.SERVER);
        closing = true;
        onLoop(() -> closeNow(StreamMetrics.Closed.SERVER));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.debug("{}: nothing read within the idle timeout, closing", ctx.channel().remoteAddress());
            closeNow(StreamMetrics.Closed.IDLE);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        closing = true;
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        streams.closed(this);
        StreamMetrics.Closed reason = closeReason;
        metrics.closed(reason == null ? StreamMetrics.Closed.PEER_CLOSED : reason);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}, closing", ctx.channel().remoteAddress(), cause.toString());
        closeNow(StreamMetrics.Closed.BAD_INPUT);
    }

    private void closeNow(StreamMetrics.Closed reason) {
        reason(reason);
        closing = true;
        channel.close();
    }

    /** Keeps the first reason: a refused login's close is not also counted as the server's. */
    private synchronized void reason(StreamMetrics.Closed reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Writes one line; on the event loop. */
    private void write(String line) {
        channel.writeAndFlush(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8));
    }

    /** Always queued, even from the loop itself, so that all writes keep the order they were asked in. */
    private boolean onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** A JSON integer, or a string of digits. */
    static OptionalLong integer(JsonNode node) {
        if (node == null) {
            return OptionalLong.empty();
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                return OptionalLong.of(node.longValue());
            }
            return OptionalLong.of(node.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
            return OptionalLong.of(Long.parseLong(node.textValue()));
        }
        return OptionalLong.empty();
    }

    private static String shown(String id) {
        return id.length() > 64 ? id.substring(0, 64) + "…" : id;
    }
}
