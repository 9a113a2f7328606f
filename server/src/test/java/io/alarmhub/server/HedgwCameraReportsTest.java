package io.alarmhub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** What the simulated camera reports, as a stand-in HEDGW ({@link FakeHedgw}) reads it with code of its own. */
@Timeout(60)
class HedgwCameraReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2017-01-22T02:00:00Z");

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void eachReportIsTheMessageTheDocumentDescribes() throws Exception {
        BlockingQueue<Hedgw.HEDGWMessage> received = new LinkedBlockingQueue<>();
        FakeHedgw server = track(new FakeHedgw(dir)).serve(connection -> {
            for (int i = 0; i < 5; i++) {
                received.add(connection.read().message());
            }
        });
        HedgwCamera camera = track(HedgwCamera.connect("127.0.0.1", server.port(), server.certificate(),
                HedgwCameraTest.TIMEOUT));
        HedgwCameraReports reports = new HedgwCameraReports(camera, "110234567894562", Clock.fixed(NOW, ZoneOffset.UTC));

        reports.peopleCount(Instant.ofEpochSecond(1500631027), Instant.ofEpochSecond(1500631627), 3, 100);
        reports.statistics("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":2}");
        reports.resolution("1280x720");
        reports.panorama("app-7", List.of(new byte[]{1, 2, 3}, new byte[]{4}));
        server.done();

        Hedgw.HEDGWMessage count = received.take();
        assertThat(count.getMessageType()).isEqualTo(MessageType.DevEventCmd);
        assertThat(count.getDevEventCmd().getType()).isEqualTo(4);
        assertThat(count.getDevEventCmd().getStatus()).isEqualTo(1);
        assertThat(count.getDevEventCmd().getIpcamTime()).isEqualTo(1500631627000L);
        assertThat(JSON.readTree(count.getDevEventCmd().getMsg())).isEqualTo(JSON.readTree(
                "{\"start\":1500631027,\"stop\":1500631627,\"count\":" + (3 * 65536 + 100) + "}"));

        Hedgw.DevIpCamCmd statistics = received.take().getDevIpcamCmd();
        assertThat(statistics.getType()).isEqualTo(2);
        assertThat(statistics.getSrcDeviceId()).isEqualTo("110234567894562");
        JsonNode msg = JSON.readTree(statistics.getMsg());
        assertThat(msg.get("statistics").get("rebootTimes").asInt()).isEqualTo(2);
        assertThat(msg.get("msgCategory").asText()).isEqualTo("camera");
        assertThat(msg.get("msgTimeStamp").asLong()).isEqualTo(NOW.toEpochMilli());

        Hedgw.DevIpCamCmd resolution = received.take().getDevIpcamCmd();
        assertThat(resolution.getType()).isEqualTo(3);
        assertThat(resolution.getMsg()).isEqualTo("1280x720");

        for (int sequence = 1; sequence <= 2; sequence++) {
            Hedgw.DevIpCamCmd picture = received.take().getDevIpcamCmd();
            assertThat(picture.getType()).isEqualTo(4);
            assertThat(picture.getDstDeviceId()).isEqualTo("app-7");
            ByteBuffer data = ByteBuffer.wrap(picture.getData().toByteArray());
            assertThat(picture.getDataSize()).isEqualTo(data.remaining());
            assertThat(data.getInt()).as("cmdtype").isEqualTo(103);
            assertThat(data.getInt()).as("sequence").isEqualTo(sequence);
            assertThat(data.getInt()).as("count").isEqualTo(2);
            assertThat(data.getInt()).as("size").isEqualTo(sequence == 1 ? 3 : 1);
            assertThat(data.remaining()).isEqualTo(sequence == 1 ? 3 : 1);
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
