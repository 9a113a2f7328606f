package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.core.admission.ServerBusyException;
import io.alarmhub.core.log.RateLimitedLog;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.platform.Camera;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.IpCamInbox;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanBook;
import io.alarmhub.video.hub.CameraSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One camera's HEDGW connection: a login first ({@code DevLoginReq}, answered {@code DevLoginResp} with the
 * camera's plan once its {@code online} event is durable, then what its {@link PlanBook} sends after it), then
 * pings answered with pongs of the same id and events ({@code DevEventCmd}) handed to the platform in the order
 * they came. A camera quiet both ways for two {@code ping_pong_span}s is sent a PING of ours (its PONG is
 * counted); silence for three closes it. The connection's end is the camera's
 * {@code offline}, unless a later login replaced it.
 *
 * <pre>
 * p.addLast("tls", HedgwTls.serverContext(…).newHandler(alloc));
 * p.addLast("idle", IdleTimeout.reads(3 × ping_pong_span));           // READER_IDLE: closed
 * p.addLast("probe", IdleTimeout.readsAndWrites(2 × ping_pong_span)); // ALL_IDLE: a PING of ours
 * p.addLast("frames", new HedgwFrameDecoder(before, after));
 * p.addLast("encoder", HedgwFrameEncoder.INSTANCE);
 * p.addLast("camera", new HedgwHandler(…));   // here
 * </pre>
 */
final class HedgwHandler extends SimpleChannelInboundHandler<HedgwFrame> {

    private static final Logger log = LoggerFactory.getLogger(HedgwHandler.class);
    /**
     * Past the node's capacity, cameras' new events are refused: their protocol has no answer to an event, so
     * they are dropped, and a line a minute across all connections says so.
     */
    private static final RateLimitedLog busy = new RateLimitedLog(log, RateLimitedLog.ONCE_A_MINUTE);

    private final GatewayCalls platform;
    private final IpCamInbox inbox;
    private final PlanBook plans;
    private final HedgwSessions sessions;
    private final HedgwSettings settings;
    private final HemuMetrics metrics;
    private final Clock clock;
    private final HedgwFrameDecoder decoder;
    private final Optional<HedgwMedia> media;
    /** The camera's video (live, or its SD card's upload), once logged in and when this node takes video. */
    private Optional<CameraSession> video = Optional.empty();
    private Optional<HedgwSessions.Session> session = Optional.empty();
    private boolean loggingIn;
    private int badFrames;
    private boolean complained;
    private String closeReason = "disconnected";
    private ScheduledFuture<?> loginTimer;
    /** Whether this connection is counted among those waiting to log in ({@link HedgwSessions#admitWaiting}). */
    private boolean waiting;
    /** The id of the last PING this side sent, which the camera's PONG echoes. */
    private int probeId;
    /** Per event type, the ref of the alarm this connection raised last, for its end to name; oldest first. */
    private final Map<Integer, String> raised = new LinkedHashMap<>();
    /** How many kinds of alarm one connection may have raised at once (the document has four). */
    static final int MAX_RAISED = 8;

    HedgwHandler(GatewayCalls platform, IpCamInbox inbox, PlanBook plans, HedgwSessions sessions,
                 HedgwSettings settings, HemuMetrics metrics, Clock clock, HedgwFrameDecoder decoder,
                 Optional<HedgwMedia> media) {
        this.platform = platform;
        this.inbox = inbox;
        this.plans = plans;
        this.sessions = sessions;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.decoder = decoder;
        this.media = media;
    }

    /** The login's clock starts when the connection is handed to this handler, active or about to be. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        waiting = sessions.admitWaiting();
        if (!waiting && ctx.channel().isActive()) {
            close(ctx, "too_many_waiting"); // added to a connection already active: no channelActive to wait for
        }
        loginTimer = ctx.executor().schedule(() -> {
            if (session.isEmpty()) {
                close(ctx, "login_timeout");
            }
        }, settings.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A connection beyond {@code max-waiting-logins} is closed as soon as it is active, before any TLS. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!waiting) {
            close(ctx, "too_many_waiting");
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HedgwFrame frame) {
        if (frame instanceof HedgwFrame.Bad bad) {
            bad(ctx, bad);
            return;
        }
        HEDGWMessage message = ((HedgwFrame.Message) frame).message();
        Optional<MessageType> type = HedgwMessages.type(message);
        if (session.isEmpty()) {
            if (loggingIn) {
                return; // a camera that does not wait for its answer: nothing before it counts
            }
            if (type.filter(t -> t == MessageType.DevLoginReq).isEmpty()) {
                refuse(ctx, "not_login", "its first message was not a DevLoginReq");
                return;
            }
            login(ctx, message.getDevLoginReq());
            return;
        }
        switch (type.orElseThrow()) {
            case PING -> {
                metrics.message("ping");
                ctx.writeAndFlush(HedgwMessages.pong(message.getPing().getId()));
            }
            case PONG -> metrics.message(message.getPong().getId() == probeId ? "pong" : "other");
            case DevEventCmd -> event(message.getDevEventCmd());
            case DevIpCamCmd -> ipCam(message.getDevIpcamCmd());
            case TDMediaPackage -> media(message.getTdMediaPackage());
            default -> metrics.message("other");
        }
    }

    private void login(ChannelHandlerContext ctx, Hedgw.DevLoginReq request) {
        metrics.message("login");
        GatewayCalls.Verdict verdict = platform.login(new GatewayCalls.Login(request.getAccessKey(),
                request.getAccessSecret(), request.getUserName(), request.getDeviceToken(), request.getUnifiedId(),
                request.getDeviceMac(), request.hasDeviceId() ? Optional.of(request.getDeviceId()) : Optional.empty()));
        int channel = request.getChannelId();
        if (verdict.result() == GatewayCalls.OK && channel != 0 && channel != 1) {
            verdict = new GatewayCalls.Verdict(GatewayCalls.AUTH_FAILED, Optional.empty(),
                    "channel_id " + channel + " is neither 0 (live) nor 1 (SD card)");
        }
        if (verdict.result() != GatewayCalls.OK) {
            answerAndClose(ctx, verdict.result(), verdict.why());
            return;
        }
        Camera camera = verdict.camera().orElseThrow();
        Optional<String> wait = sessions.refusal(camera.deviceId(), clock.instant());
        if (wait.isPresent()) {
            answerAndClose(ctx, GatewayCalls.REFUSED_FOR_NOW, wait.get());
            return;
        }
        loggingIn = true;
        HedgwSessions.Session next = new HedgwSessions.Session(camera.deviceId(), channel, ctx.channel(),
                MediaFormat.of(request));
        // The live channel is the camera's presence: its login is the online event, answered once durable.
        (channel == 0 ? platform.online(camera, address(ctx), channel) : CompletableFuture.<Void>completedFuture(null))
                .whenComplete((ignored, failure) -> ctx.executor().execute(() -> {
                    loggingIn = false;
                    if (failure != null) {
                        answerAndClose(ctx, GatewayCalls.REFUSED_FOR_NOW, "the store cannot take the login: "
                                + failure.getMessage());
                        return;
                    }
                    loggedIn(ctx, next);
                }));
    }

    private void loggedIn(ChannelHandlerContext ctx, HedgwSessions.Session next) {
        if (!ctx.channel().isActive()) {
            return;
        }
        session = Optional.of(next);
        loginTimer.cancel(false);
        stopWaiting();
        decoder.loggedIn();
        sessions.attach(next).ifPresent(replaced -> {
            replaced.connection().attr(HedgwListener.REPLACED).set(true);
            replaced.connection().close();
        });
        // Read once attached: a plan changed from now on finds this connection and is told on it.
        CameraPlan plan = plans.planOf(next.deviceId());
        long span = settings.pingPongSpan().toSeconds();
        ctx.writeAndFlush(HedgwMessages.loginResponse(GatewayCalls.OK, new HedgwMessages.LoginFields(
                Optional.of(Long.toString(clock.millis())), OptionalInt.of(plan.status().code()),
                OptionalInt.of((int) span), OptionalInt.of(settings.sdUploadMode()),
                OptionalInt.of((int) settings.personCountSpan().toSeconds()),
                OptionalInt.of(plan.serviceDays()))));
        if (next.channel() == 0) {
            video = media.map(m -> m.open(next));
            plans.loggedIn(next.deviceId(), plan);
            platform.loggedIn(next.deviceId()); // after the answer: what waited for the camera follows it
        } else {
            video = media.map(m -> m.openSdCard(next));
        }
    }

    /** Video, audio, parameter sets and thumbnails, of the live channel or of the SD card's upload. */
    private void media(Hedgw.TDMediaPackage p) {
        metrics.message("media");
        if (video.isPresent()) {
            media.orElseThrow().accept(video.get(), p);
        }
    }

    private void event(Hedgw.DevEventCmd event) {
        metrics.message("event");
        HedgwSessions.Session s = session.orElseThrow();
        int type = event.getType();
        Optional<String> raised = Optional.empty();
        if (event.getStatus() == 0) {
            raised = Optional.ofNullable(this.raised.remove(type));
        } else if (type != 4) {
            String ref = GatewayCalls.alarmRef(s.deviceId(), type, event.getIpcamTime());
            if (!this.raised.containsKey(type) && this.raised.size() >= MAX_RAISED) {
                // Types are the camera's to choose: the alarms tracked stay bounded, the oldest kind ends.
                Map.Entry<Integer, String> oldest = this.raised.entrySet().iterator().next();
                this.raised.remove(oldest.getKey());
                end(s.deviceId(), oldest.getKey(), oldest.getValue(), "superseded");
            }
            Optional.ofNullable(this.raised.put(type, ref)).filter(open -> !open.equals(ref))
                    .ifPresent(open -> end(s.deviceId(), type, open, "superseded"));
            video.ifPresent(v -> v.alarmStarted(ref));
        }
        raised.ifPresent(ref -> video.ifPresent(v -> v.alarmEnded(ref)));
        platform.event(s.deviceId(), type, event.getStatus(), event.getIpcamTime(),
                event.hasMsg() ? Optional.of(event.getMsg()) : Optional.empty(), s.channel() == 1, raised)
                .whenComplete((ignored, failure) -> {
                    if (failure instanceof ServerBusyException || failure != null
                            && failure.getCause() instanceof ServerBusyException) {
                        busy.warn("hemu: an event of camera " + s.deviceId() + " was refused and dropped (a camera"
                                + " is not told): " + failure.getMessage());
                    } else if (failure != null) {
                        log.warn("hemu: an event of camera {} was not stored: {}", s.deviceId(), failure.toString());
                    }
                });
    }

    /** Answers, progress reports, statistics and pictures: read here, handled by the platform. */
    private void ipCam(Hedgw.DevIpCamCmd command) {
        IpCamMessage message = IpCamMessage.create(command.getType(),
                command.hasDstDeviceId() ? Optional.of(command.getDstDeviceId()) : Optional.empty(),
                command.hasMsg() ? Optional.of(command.getMsg()) : Optional.empty(),
                command.hasData() ? Optional.of(command.getData().toByteArray()) : Optional.empty());
        if (message instanceof IpCamMessage.Unreadable unreadable) {
            metrics.badInput("ipcam_unreadable");
            log.debug("hemu: camera {} sent an unreadable DevIpCamCmd type {}: {}", session.orElseThrow().deviceId(),
                    unreadable.type(), unreadable.why());
            return;
        }
        metrics.message("ipcam");
        inbox.accept(session.orElseThrow().deviceId(), message);
    }

    /** Ends an alarm the camera did not end itself. */
    private void end(String deviceId, int type, String ref, String reason) {
        video.ifPresent(v -> v.alarmEnded(ref));
        platform.ended(deviceId, type, ref, reason).whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.warn("hemu: the end of alarm {} of camera {} was not stored: {}", ref, deviceId,
                        failure.toString());
            }
        });
    }

    private void bad(ChannelHandlerContext ctx, HedgwFrame.Bad bad) {
        metrics.badInput(bad.tag());
        if (session.isEmpty() && bad.partial().filter(m -> m.hasDevLoginReq()).isPresent()) {
            // A login with fields missing is answered, not dropped without a word.
            answerAndClose(ctx, GatewayCalls.AUTH_FAILED, "DevLoginReq lacks a required field: " + bad.detail());
            return;
        }
        complainOnce(ctx, bad.tag() + ": " + bad.detail());
        if (bad.reason().endsStream() || session.isEmpty() || ++badFrames >= settings.maxBadFrames()) {
            close(ctx, "bad_frames");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String why) {
        metrics.badInput(reason);
        complainOnce(ctx, why);
        close(ctx, "bad_frames");
    }

    private void answerAndClose(ChannelHandlerContext ctx, int result, String why) {
        if (result != GatewayCalls.REFUSED_FOR_NOW) {
            metrics.badInput("login_refused");
        }
        complainOnce(ctx, "login answered " + result + ": " + why);
        ctx.writeAndFlush(HedgwMessages.loginResponse(result)).addListener(ChannelFutureListener.CLOSE);
    }

    private void close(ChannelHandlerContext ctx, String reason) {
        closeReason = reason;
        metrics.closed(reason);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            // Quiet both ways for two spans: ask before the third span closes the connection.
            if (session.isPresent() && idle.isFirst()) {
                ctx.writeAndFlush(HedgwMessages.ping(++probeId));
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            close(ctx, "ping_timeout");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loginTimer.cancel(false);
        stopWaiting();
        session.ifPresent(s -> {
            boolean replaced = Boolean.TRUE.equals(ctx.channel().attr(HedgwListener.REPLACED).get());
            boolean unbound = Boolean.TRUE.equals(ctx.channel().attr(HedgwListener.UNBOUND).get());
            if (replaced || unbound) {
                metrics.closed(replaced ? "replaced" : "unbound");
            }
            // What the camera raised here and never ended ends with the connection, before its offline.
            raised.forEach((type, ref) -> end(s.deviceId(), type, ref, "disconnected"));
            raised.clear();
            video.ifPresent(v -> media.orElseThrow().close(v));
            video = Optional.empty();
            if (sessions.detach(s) && s.channel() == 0 && !replaced && !unbound) {
                platform.offline(s.deviceId(), closeReason).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("hemu: camera {} went offline, which was not stored: {}", s.deviceId(),
                                failure.toString());
                    }
                });
            }
        });
        ctx.fireChannelInactive();
    }

    private void stopWaiting() {
        if (waiting) {
            waiting = false;
            sessions.loginEnded();
        }
    }

    private void complainOnce(ChannelHandlerContext ctx, String why) {
        if (!complained) {
            complained = true;
            log.info("hemu: HEDGW connection from {}: {} (further bad frames on it are only counted)",
                    ctx.channel().remoteAddress(), why);
        }
    }

    private static Optional<String> address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? Optional.of(a.getAddress().getHostAddress()) : Optional.empty();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof SSLException) {
            log.debug("hemu: HEDGW connection from {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("hemu: closing HEDGW connection from {} after an unexpected error",
                    ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
