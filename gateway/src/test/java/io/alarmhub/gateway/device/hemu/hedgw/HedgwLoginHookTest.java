package io.alarmhub.gateway.device.hemu.hedgw;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.IdleTimeout;
import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.HemuOnSqlite;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls.Registered;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.platform.Registration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.ACME;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.KEY;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.MODEL;
import static io.alarmhub.gateway.device.hemu.HemuOnSqlite.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway tells whoever waits for a camera (a firmware update) that its live login was answered: once, after
 * the {@code DevLoginResp}, so that what it sends then follows the answer; not for the SD-card channel, nor for a
 * refused login.
 */
class HedgwLoginHookTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13888888888";
    private static final HedgwSettings SETTINGS = HedgwSettings.DEFAULT;

    @TempDir
    Path dir;
    private HemuOnSqlite platform;
    private HedgwSessions sessions;
    private GatewayCalls calls;
    private Registered camera;
    /** Each login the hook heard of: the device, and how many frames its connection had written by then. */
    private final List<String> heard = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void register() {
        platform = HemuOnSqlite.open(dir, NOW, 10);
        sessions = new HedgwSessions(SETTINGS);
        String userToken = platform.accounts.grant("alice", MOBILE).join().userToken();
        camera = platform.cameras.register(ACME, new Registration(KEY, DEVICE, MAC, MODEL, MOBILE, userToken,
                "3RD-X01", 17, Optional.empty(), Optional.empty())).join();
        calls = new GatewayCalls(platform.directory, Manufacturers.of(ACME), platform.desk);
        HedgwLink link = new HedgwLink(sessions);
        calls.onLoggedIn(deviceId -> {
            heard.add(deviceId + " after " + channel.outboundMessages().size() + " frames");
            link.send(deviceId, new AppCommand("alarmhub", 1, 1, 4097, OptionalInt.empty(), OptionalInt.empty(),
                    JsonNodeFactory.instance.objectNode(), NOW));
        });
    }

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void aLiveLoginIsHeardOfOnceAfterItsAnswerAndWhatIsSentThenFollowsIt() throws Exception {
        channel = connection();

        send(login(0, camera.deviceToken()));

        assertThat(heard).containsExactly(DEVICE + " after 1 frames");
        assertThat(frame().getDevLoginResp().getResult()).isZero();
        HEDGWMessage command = frame();
        assertThat(command.getMessageType()).isEqualTo(MessageType.DevAppCmd);
        assertThat(command.getDevAppCmd().getType()).isEqualTo(33);
    }

    @Test
    void anSdCardLoginAndARefusedLoginAreNotHeardOf() throws Exception {
        channel = connection();
        send(login(1, camera.deviceToken()));
        assertThat(frame().getDevLoginResp().getResult()).isZero();

        channel = connection();
        send(login(0, "not the token"));
        assertThat(frame().getDevLoginResp().getResult()).isEqualTo(2001);

        assertThat(heard).isEmpty();
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel connection = new EmbeddedChannel();
        connection.freezeTime();
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(SETTINGS.maxFrameBeforeLogin(), SETTINGS.maxFrameAfterLogin());
        connection.pipeline().addLast(IdleTimeout.reads(SETTINGS.pingPongSpan().multipliedBy(3)), decoder,
                HedgwFrameEncoder.INSTANCE, new HedgwHandler(calls, (deviceId, message) -> { },
                        HedgwFuzzAccess.configured(SETTINGS), sessions, SETTINGS,
                        new HemuMetrics(new SimpleMeterRegistry()), platform.clock, decoder, Optional.empty()));
        return connection;
    }

    private HEDGWMessage login(int channelId, String deviceToken) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevLoginReq).setDevLoginReq(
                Hedgw.DevLoginReq.newBuilder().setAccessKey(KEY).setAccessSecret(SECRET).setUserName(MOBILE)
                        .setDeviceToken(deviceToken).setUnifiedId(camera.unifiedId()).setDeviceMac(MAC)
                        .setDeviceId(DEVICE).setChannelId(channelId).setVideoWidth(1920).setVideoHeight(1080)
                        .setAudioType(2).setAudioKhz(8).setAudioChannel(1)).build();
    }

    private void send(HEDGWMessage message) {
        byte[] bytes = message.toByteArray();
        channel.writeInbound(Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes));
        platform.settle();
        channel.runPendingTasks();
    }

    private HEDGWMessage frame() throws Exception {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a frame").isNotNull();
        try {
            byte[] bytes = new byte[frame.readInt()];
            frame.readBytes(bytes);
            return HEDGWMessage.parseFrom(bytes);
        } finally {
            frame.release();
        }
    }
}
