package io.alarmhub.gateway.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwFuzzAccess;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwMessages;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwSessions;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.IpCamDesk;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.alarmhub.gateway.device.hemu.reports.CameraReports;
import io.alarmhub.gateway.device.hemu.reports.PanoramaLimits;
import io.alarmhub.gateway.device.hemu.reports.Panoramas;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HEDGW handler's dispatch after framing: a camera's messages through the listener's pipeline (idle
 * timeout, {@code HedgwFrameDecoder}, {@code HedgwFrameEncoder}, {@code HedgwHandler}) on an
 * {@link EmbeddedChannel}, over one platform on a real store ({@link HemuOnSqlite}) for the whole class, with
 * one registered camera.
 *
 * <p>The input is a script of frames (see {@link #cameraMessages}): optionally the camera's valid login
 * first, then PINGs, events, logins with one field changed or cleared, app, ipcam and media messages with
 * fuzzed fields (any required field may be left out, the type may be overwritten by a raw number; an ipcam
 * message may carry a {@code msg}), raw bodies and fatal lengths, each written as one length-prefixed frame.
 * What the camera reports goes to the platform's {@code IpCamDesk} with its statistics, resolution changes and
 * panoramas (on a real media directory). Until the login is answered the test waits
 * for the store after every frame, as the camera would wait for its answer. What the handler should make of
 * each frame is read from the frame itself (does its body parse as a whole HEDGWMessage carrying the
 * submessage its type names), not from how it was built. Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception from the pipeline, none logged as unexpected, and no WARN of the
 *       handler (an event or offline the store did not take);</li>
 *   <li>replies are length-prefixed HEDGWMessages, one DevLoginResp to the first frame at most (result 0 only
 *       for a DevLoginReq) and then PONGs only: exactly one per PING after the login, with its id;</li>
 *   <li>the connection is closed exactly by the protocol's rules: its first frame is not a login, or the
 *       login is refused, or a fatal length (0 or over the limit), or {@code maxBadFrames} bad frames after
 *       the login;</li>
 *   <li>a neighbour connection of the same node then logs in with the valid login (result 0) and gets a PONG
 *       for its PING;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 */
class HedgwDispatchFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13888888888";
    private static final HedgwSettings SETTINGS = HedgwSettings.DEFAULT;
    private static final int MAX_FRAMES = 48;
    private static final int NEIGHBOUR_PING = 4242;

    private static Watch watch;
    private static Warnings warnings;
    private static Path dir;
    private static HemuOnSqlite platform;
    private static Registered camera;
    /** What the camera reports, as the adapter handles it: statistics, resolutions, panoramas on real media. */
    private static IpCamDesk reports;
    private static long inputs;

    @BeforeAll
    static void platform() throws IOException {
        watch = Watch.install();
        warnings = Warnings.install();
        dir = Files.createTempDirectory("hedgw-dispatch-fuzz");
        platform = HemuOnSqlite.open(dir, NOW, 10);
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        camera = platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        HemuMetrics metrics = new HemuMetrics(new SimpleMeterRegistry());
        DirectoryMediaStore media = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"),
                "http://127.0.0.1:9910"), new MediaSigner(new byte[MediaSigner.SECRET_BYTES]));
        Panoramas panoramas = new Panoramas(PanoramaLimits.DEFAULT, media, platform.desk, Runnable::run,
                dir.resolve("uploads"), metrics.reports(), platform.clock);
        reports = new IpCamDesk((deviceId, answer) -> { }, new CameraReports(platform.store, platform.desk, panoramas, metrics,
                platform.clock), (deviceId, progress) -> { });
    }

    @AfterAll
    static void close() throws IOException {
        try {
            watch.check();
        } finally {
            warnings.uninstall();
            platform.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The input: byte 0's low bit sends the valid login first; then, up to {@value #MAX_FRAMES} times, an op
     * byte: its low 3 bits the kind (0 PING, 1 DevEventCmd, 2 DevLoginReq, 3 DevAppCmd, 4 DevIpCamCmd,
     * 5 TDMediaPackage, 6 raw body, 7 fatal length), bit 3 a raw message_type byte appended to the body,
     * bit 4 a byte of which required fields to leave out (a set bit leaves one out), bit 5 a {@code msg} for a
     * DevIpCamCmd (its length a byte times 4). Numbers are big-endian,
     * strings and bytes a length byte and that many bytes; missing input reads as zeros.
     */
    @FuzzTest(maxDuration = "30s")
    void cameraMessages(byte[] input) {
        Reader in = new Reader(input);
        HedgwSessions sessions = new HedgwSessions(SETTINGS);
        EmbeddedChannel channel = HedgwFuzzAccess.connection(platform, sessions, SETTINGS, new SimpleMeterRegistry(),
                reports);
        EmbeddedChannel neighbour = null;
        try {
            Connection c = new Connection(channel);
            if ((in.u8() & 1) == 1) {
                c.send(loginMessage(validLogin()).toByteArray());
            }
            for (int n = 0; n < MAX_FRAMES && in.more() && channel.isOpen(); n++) {
                int op = in.u8();
                int kind = op & 7;
                if (kind == 7) {
                    long length = (in.u8() & 1) == 0 ? 0 : 0x8000_0000L | (in.i32() & 0xffff_ffffL);
                    c.fatal(length);
                    continue;
                }
                int leftOut = (op & 0x10) != 0 ? in.u8() : 0;
                byte[] body = kind == 6 ? in.bytes() : build(kind, leftOut, (op & 0x20) != 0, in);
                if ((op & 0x08) != 0) {
                    body = withRawType(body, in.u8());
                }
                c.send(body);
            }
            platform.settle();
            channel.runPendingTasks();
            c.drain();
            channel.checkException();
            c.closedOnlyByRule();

            neighbour = HedgwFuzzAccess.connection(platform, sessions, SETTINGS, new SimpleMeterRegistry(), reports);
            Connection n = new Connection(neighbour);
            n.send(loginMessage(validLogin()).toByteArray());
            assertThat(n.loginResult).as("the neighbour's login").isEqualTo(0);
            n.send(HedgwMessages.ping(NEIGHBOUR_PING).toByteArray());
            assertThat(n.pongs).as("the neighbour's pongs").containsExactly(NEIGHBOUR_PING);
            assertThat(neighbour.isOpen()).as("the neighbour is open").isTrue();
            neighbour.checkException();
        } finally {
            for (EmbeddedChannel ch : neighbour == null ? List.of(channel) : List.of(channel, neighbour)) {
                ch.close();
                ch.runPendingTasks();
                ch.finishAndReleaseAll();
            }
            platform.settle(); // the offline events: nothing left to pile up behind the next input
        }
        watch.checkExceptions();
        warnings.check();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    /** One connection and what its frames, as the handler should read them, allow. */
    private static final class Connection {
        private final EmbeddedChannel channel;
        private int frames;
        /** The DevLoginResp's result, once answered; null before. */
        Integer loginResult;
        private boolean firstNotLogin;
        private boolean fatal;
        private int badAfterLogin;
        private final List<Integer> pings = new ArrayList<>();
        final List<Integer> pongs = new ArrayList<>();

        Connection(EmbeddedChannel channel) {
            this.channel = channel;
        }

        void fatal(long length) {
            fatal = true;
            write(Unpooled.buffer(4).writeInt((int) length));
            assertThat(channel.isOpen()).as("open after a fatal length %s", length).isFalse();
        }

        void send(byte[] body) {
            if (body.length == 0) {
                fatal(0); // an empty body is a frame of length 0
                return;
            }
            Optional<HEDGWMessage> message = whole(body);
            boolean first = frames++ == 0;
            boolean loggedIn = loginResult != null && loginResult == 0;
            if (first && message.flatMap(HedgwMessages::type).filter(t -> t == MessageType.DevLoginReq).isEmpty()) {
                firstNotLogin = true;
            }
            if (loggedIn) {
                if (message.isEmpty()) {
                    badAfterLogin++;
                } else if (message.get().getMessageType() == MessageType.PING) {
                    pings.add(message.get().getPing().getId());
                }
            }
            write(Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body));
            if (!loggedIn) {
                // Waits for the login's answer (the store), as a camera does; the handler then runs it here.
                platform.settle();
                channel.runPendingTasks();
                drain();
                if (first && !firstNotLogin) {
                    assertThat(loginResult).as("the answer to a login").isNotNull();
                }
            }
            if (first && firstNotLogin || loginResult != null && loginResult != 0
                    || loggedIn && badAfterLogin >= SETTINGS.maxBadFrames()) {
                assertThat(channel.isOpen()).as("open after the protocol's rule closed it").isFalse();
            }
        }

        private void write(ByteBuf frame) {
            channel.writeInbound(frame);
            drain();
        }

        /** Reads the replies written so far: one DevLoginResp to the first frame, then PONGs. */
        void drain() {
            for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                assertThat(out).as("outbound message").isInstanceOf(ByteBuf.class);
                ByteBuf frame = (ByteBuf) out;
                HEDGWMessage reply;
                try {
                    assertThat(frame.readableBytes()).isGreaterThanOrEqualTo(4);
                    int length = frame.readInt();
                    assertThat(length).as("reply length").isEqualTo(frame.readableBytes());
                    byte[] bytes = new byte[length];
                    frame.readBytes(bytes);
                    reply = HEDGWMessage.parseFrom(bytes);
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError("a reply that is not a HEDGWMessage", e);
                } finally {
                    frame.release();
                }
                Optional<MessageType> type = HedgwMessages.type(reply);
                assertThat(type).as("reply %s", reply).isPresent();
                if (type.get() == MessageType.DevLoginResp) {
                    assertThat(loginResult).as("a second DevLoginResp %s", reply).isNull();
                    assertThat(frames).as("a DevLoginResp after the first frame").isEqualTo(1);
                    loginResult = reply.getDevLoginResp().getResult();
                    if (loginResult == 0) {
                        assertThat(firstNotLogin).as("a login accepted for a frame that is no login").isFalse();
                    }
                } else {
                    assertThat(type.get()).as("reply type").isEqualTo(MessageType.PONG);
                    pongs.add(reply.getPong().getId());
                    assertThat(pings).as("the pings so far, answered by PONGs %s", pongs).startsWith(
                            pongs.toArray(Integer[]::new));
                }
            }
        }

        void closedOnlyByRule() {
            assertThat(pongs).as("a PONG for each PING after the login").isEqualTo(pings);
            if (!channel.isOpen()) {
                boolean refused = loginResult != null && loginResult != 0;
                assertThat(firstNotLogin || refused || fatal || badAfterLogin >= SETTINGS.maxBadFrames())
                        .as("closed: first frame no login %s, login result %s, fatal length %s, bad frames %s",
                                firstNotLogin, loginResult, fatal, badAfterLogin).isTrue();
            }
        }
    }

    /** The frame's body as the handler gets it: a whole message carrying its type's submessage, or a bad frame. */
    private static Optional<HEDGWMessage> whole(byte[] body) {
        try {
            HEDGWMessage message = HEDGWMessage.parseFrom(body);
            return HedgwMessages.type(message).isPresent() ? Optional.of(message) : Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static Hedgw.DevLoginReq.Builder validLogin() {
        return Hedgw.DevLoginReq.newBuilder().setAccessKey(KEY).setAccessSecret(SECRET).setUserName(MOBILE)
                .setDeviceToken(camera.deviceToken()).setUnifiedId(camera.unifiedId()).setDeviceMac(MAC)
                .setDeviceId(DEVICE).setChannelId(0).setVideoWidth(1920).setVideoHeight(1080).setAudioType(2)
                .setAudioKhz(8).setAudioChannel(1);
    }

    private static HEDGWMessage loginMessage(Hedgw.DevLoginReq.Builder login) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq).setDevLoginReq(login).build();
    }

    private static boolean kept(int leftOut, int field) {
        return (leftOut & (1 << field)) == 0;
    }

    private static byte[] build(int kind, int leftOut, boolean withMsg, Reader in) {
        HEDGWMessage.Builder message = HEDGWMessage.newBuilder();
        switch (kind) {
            case 0 -> {
                Hedgw.Ping.Builder ping = Hedgw.Ping.newBuilder();
                int id = in.i32();
                if (kept(leftOut, 0)) {
                    ping.setId(id);
                }
                message.setMessageType(MessageType.PING).setPing(ping.buildPartial());
            }
            case 1 -> {
                Hedgw.DevEventCmd.Builder event = Hedgw.DevEventCmd.newBuilder();
                int type = in.u8();
                int status = in.u8();
                long time = in.i64();
                int msg = in.u8();
                if (kept(leftOut, 0)) {
                    event.setType(type);
                }
                if (kept(leftOut, 1)) {
                    event.setStatus(status);
                }
                if (kept(leftOut, 2)) {
                    event.setIpcamTime(time);
                }
                if (msg != 0) {
                    event.setMsg(in.string(msg - 1));
                }
                message.setMessageType(MessageType.DevEventCmd).setDevEventCmd(event.buildPartial());
            }
            case 2 -> message.setMessageType(MessageType.DevLoginReq).setDevLoginReq(login(in).buildPartial());
            case 3 -> {
                Hedgw.DevAppCmd.Builder app = Hedgw.DevAppCmd.newBuilder();
                int type = in.i32();
                String src = in.string();
                ByteString data = ByteString.copyFrom(in.bytes());
                if (kept(leftOut, 0)) {
                    app.setType(type);
                }
                if (kept(leftOut, 1)) {
                    app.setSrcDeviceId(src);
                }
                if (!data.isEmpty()) {
                    app.setData(data).setDataSize(data.size());
                }
                message.setMessageType(MessageType.DevAppCmd).setDevAppCmd(app.buildPartial());
            }
            case 4 -> {
                Hedgw.DevIpCamCmd.Builder cmd = Hedgw.DevIpCamCmd.newBuilder();
                int type = in.i32();
                String src = in.string();
                ByteString data = ByteString.copyFrom(in.bytes());
                if (kept(leftOut, 0)) {
                    cmd.setType(type);
                }
                if (kept(leftOut, 1)) {
                    cmd.setSrcDeviceId(src);
                }
                if (!data.isEmpty()) {
                    cmd.setData(data).setDataSize(data.size());
                }
                if (withMsg) {
                    cmd.setMsg(in.string(in.u8() * 4)); // statistics need more than 255 bytes
                }
                message.setMessageType(MessageType.DevIpCamCmd).setDevIpcamCmd(cmd.buildPartial());
            }
            default -> {
                Hedgw.TDMediaPackage.Builder media = Hedgw.TDMediaPackage.newBuilder();
                int packageType = in.u8();
                int sync = in.u8();
                ByteString data = ByteString.copyFrom(in.bytes());
                int start = in.i32();
                int seq = in.i32();
                if (kept(leftOut, 0)) {
                    media.setPackageType(packageType);
                }
                if (kept(leftOut, 1)) {
                    media.setSync(sync);
                }
                if (kept(leftOut, 2)) {
                    media.setData(data);
                }
                if (kept(leftOut, 3)) {
                    media.setDataSize(data.size());
                }
                if (kept(leftOut, 4)) {
                    media.setStartTime(start);
                }
                if (kept(leftOut, 5)) {
                    media.setSeqNum(seq);
                }
                message.setMessageType(MessageType.TDMediaPackage).setTdMediaPackage(media.buildPartial());
            }
        }
        return message.buildPartial().toByteArray();
    }

    /**
     * The valid login with one field changed: a byte, its low 4 bits the field (1 to 15 as numbered in
     * hedgw.proto; 0: none), its top bit clears the field rather than setting it to a string or number read next.
     */
    private static Hedgw.DevLoginReq.Builder login(Reader in) {
        Hedgw.DevLoginReq.Builder login = validLogin();
        int which = in.u8();
        int field = which & 0x0f;
        boolean clear = (which & 0x80) != 0;
        if (field >= 1 && field <= 7) {
            String value = clear ? null : in.string();
            switch (field) {
                case 1 -> login = clear ? login.clearAccessKey() : login.setAccessKey(value);
                case 2 -> login = clear ? login.clearAccessSecret() : login.setAccessSecret(value);
                case 3 -> login = clear ? login.clearUserName() : login.setUserName(value);
                case 4 -> login = clear ? login.clearDeviceToken() : login.setDeviceToken(value);
                case 5 -> login = clear ? login.clearUnifiedId() : login.setUnifiedId(value);
                case 6 -> login = clear ? login.clearDeviceMac() : login.setDeviceMac(value);
                default -> login = clear ? login.clearDeviceId() : login.setDeviceId(value);
            }
        } else if (field >= 8) {
            int value = clear ? 0 : in.i32();
            switch (field) {
                case 8 -> login = clear ? login.clearChannelType() : login.setChannelType(value);
                case 9 -> login = clear ? login.clearChannelId() : login.setChannelId(value);
                case 10 -> login = clear ? login.clearVideoType() : login.setVideoType(value);
                case 11 -> login = clear ? login.clearVideoWidth() : login.setVideoWidth(value);
                case 12 -> login = clear ? login.clearVideoHeight() : login.setVideoHeight(value);
                case 13 -> login = clear ? login.clearAudioType() : login.setAudioType(value);
                case 14 -> login = clear ? login.clearAudioKhz() : login.setAudioKhz(value);
                default -> login = clear ? login.clearAudioChannel() : login.setAudioChannel(value);
            }
        }
        return login;
    }

    /** The body with message_type (field 1) appended as a raw number: protobuf's last value wins. */
    private static byte[] withRawType(byte[] body, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(body);
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.writeUInt32(1, type);
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads the input from the front; past its end, zeros and empty strings. */
    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return at < data.length;
        }

        int u8() {
            return at < data.length ? data[at++] & 0xff : 0;
        }

        int i32() {
            return u8() << 24 | u8() << 16 | u8() << 8 | u8();
        }

        long i64() {
            return (long) i32() << 32 | (i32() & 0xffff_ffffL);
        }

        byte[] bytes(int length) {
            int n = Math.min(length, data.length - at);
            byte[] bytes = new byte[Math.max(n, 0)];
            if (n > 0) {
                System.arraycopy(data, at, bytes, 0, n);
                at += n;
            }
            return bytes;
        }

        byte[] bytes() {
            return bytes(u8());
        }

        String string(int length) {
            return new String(bytes(length), StandardCharsets.UTF_8);
        }

        String string() {
            return string(u8());
        }
    }

    /**
     * The handler's WARNs without a stack trace (an event or an offline the store did not take), which
     * {@link Watch} does not count: any of them fails the input.
     */
    private static final class Warnings extends AppenderBase<ILoggingEvent> {
        private static final String LOGGER = "io.alarmhub.gateway.device.hemu.hedgw.HedgwHandler";
        private final List<String> seen = new ArrayList<>();

        static Warnings install() {
            Warnings warnings = new Warnings();
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
            warnings.setContext(logger.getLoggerContext());
            warnings.setName("hedgw-dispatch-warnings");
            warnings.start();
            logger.addAppender(warnings);
            return warnings;
        }

        void uninstall() {
            ((Logger) LoggerFactory.getLogger(LOGGER)).detachAppender(this);
            stop();
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                seen.add(event.getFormattedMessage());
            }
        }

        synchronized void check() {
            if (!seen.isEmpty()) {
                String first = seen.get(0);
                seen.clear();
                throw new AssertionError("the handler warned: " + first);
            }
        }
    }
}
