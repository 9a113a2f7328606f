package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/** PushServer's pipeline on an {@link EmbeddedChannel}, for what needs no store round trip. */
class PushTcpHandlerTest {

    private static final TcpPushSettings SETTINGS = new TcpPushSettings("127.0.0.1", 0, 64, Duration.ofMinutes(5),
            3, 64, 32 * 1024, 64 * 1024);

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private PushContext context;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT);
        PushMetrics metrics = new PushMetrics(registry, Face.TCP, hub.presence());
        channel = new EmbeddedChannel(new PushTcpInitializer(context, metrics, SETTINGS));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void anOpenConnectionIsCountedUntilItCloses() {
        assertThat(context.hub().presence().connections(Face.TCP)).isEqualTo(1);
        assertThat(count("alarmhub.push.connections")).isEqualTo(1);
        channel.close();
        assertThat(context.hub().presence().connections(Face.TCP)).isZero();
    }

    @Test
    void aHeartbeatIsAnsweredWithItsAlias() {
        write("{\"t\":1,\"alias\":\"door-7\"}\r\n");
        assertThat(readLine()).isEqualTo("{\"t\":-1,\"alias\":\"door-7\"}\n");
    }

    @Test
    void anUnknownTypeIsAnsweredWithAnErrorAndTheConnectionLivesOn() {
        write("{\"t\":99,\"num\":\"n1\"}\n");
        JsonNode error = json(readLine());
        assertThat(error.get("t").asInt()).isZero();
        assertThat(error.get("error").asText()).contains("unknown type");
        assertThat(error.get("num").asText()).isEqualTo("n1");
        assertThat(count("alarmhub.push.bad_input", "reason", "invalid")).isEqualTo(1);

        write("{\"t\":1,\"alias\":\"door-7\"}\n");
        assertThat(readLine()).isEqualTo("{\"t\":-1,\"alias\":\"door-7\"}\n");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void malformedAndOversizedLinesAreAnsweredWithErrors() {
        write("not json\n");
        assertThat(json(readLine()).get("error").asText()).startsWith("malformed JSON");
        write("{\"t\":1,\"alias\":\"" + "x".repeat(100) + "\"}\n");
        assertThat(json(readLine())).isEqualTo(json("{\"t\":0,\"error\":\"line longer than 64 bytes\"}"));
        assertThat(count("alarmhub.push.bad_input", "reason", "malformed")).isEqualTo(1);
        assertThat(count("alarmhub.push.bad_input", "reason", "oversized")).isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aGoodLineResetsTheCountOfBadOnes() {
        write("x\ny\n{\"t\":7}\nz\n");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void maxBadLinesInARowCloseTheConnectionAfterTheirAnswers() {
        write("x\ny\n{\"t\":0}\n{\"t\":1,\"alias\":\"late\"}\n");
        assertThat(channel.isActive()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(json(readLine()).get("t").asInt()).isZero();
        }
        assertThat(channel.<Object>readOutbound()).isInstanceOf(ByteBuf.class)
                .satisfies(farewell -> assertThat(((ByteBuf) farewell).readableBytes()).isZero());
        assertThat(channel.<Object>readOutbound()).as("nothing answered after the close").isNull();
        assertThat(count("alarmhub.push.closed", "reason", "bad_input")).isEqualTo(1);
    }

    @Test
    void aReaderIdleConnectionIsClosedAndCounted() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
        assertThat(count("alarmhub.push.closed", "reason", "idle")).isEqualTo(1);
        assertThat(context.hub().presence().connections(Face.TCP)).isZero();
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private String readLine() {
        ByteBuf buf = channel.readOutbound();
        assertThat(buf).as("a line written").isNotNull();
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private double count(String name, String... tags) {
        return registry.get(name).tag("face", "tcp").tags(tags).counter().count();
    }
}
