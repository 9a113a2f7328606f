package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.Overload;
import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.FullHeap;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/** PushServer on a node whose heap is over its bound: a publish is refused at once, in the protocol's words. */
class PushTcpAdmissionTest {

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private Admission admission;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        admission = FullHeap.refusingAdmission();
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT, admission);
        PushContext context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        channel = new EmbeddedChannel(new PushTcpInitializer(context, new PushMetrics(registry, Face.TCP,
                hub.presence()), TcpPushSettings.DEFAULT));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void aPublishIsAnsweredBusyWithItsNumAndTheConnectionLivesOn() {
        write("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":\"alice\",\"msg\":\"hi\",\"num\":7}\n");
        JsonNode answer = json(readLine());
        assertThat(answer).isEqualTo(json("{\"t\":0,\"error\":\"server busy, try again\",\"num\":7}"));
        assertThat(admission.refused(Overload.HEAP, "tcp")).isEqualTo(1);

        write("{\"t\":1,\"alias\":\"door-7\"}\n");
        assertThat(readLine()).as("a heartbeat is no new work").isEqualTo("{\"t\":-1,\"alias\":\"door-7\"}\n");
        assertThat(channel.isActive()).isTrue();
    }

    private void write(String text) {
        VirtualPushTcp.send(channel, text);
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
}
