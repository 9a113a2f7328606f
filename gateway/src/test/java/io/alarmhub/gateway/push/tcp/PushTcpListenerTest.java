package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/** PushServer on a loopback port, driven by plain sockets. */
class PushTcpListenerTest {

    private static final TcpPushSettings SETTINGS = PushServers.loopback(new TcpPushSettings("127.0.0.1", 0, 1024,
            Duration.ofMinutes(5), 10, 64, 32 * 1024, 64 * 1024));

    @TempDir
    Path dir;
    private PushServers servers;

    @BeforeEach
    void start() {
        servers = new PushServers(dir, SETTINGS, PushServers.loopback(WebSocketSettings.DEFAULT));
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void everyTypeIsAnsweredInItsShape() {
        try (LineClient c = servers.tcpClient()) {
            assertThat(c.send("{\"t\":1,\"alias\":\"ann\"}").read()).isEqualTo(json("{\"t\":-1,\"alias\":\"ann\"}"));
            assertThat(c.send("{\"t\":2,\"topic\":[\"m_2\",\"c_2\"],\"num\":\"1700000000\"}").read())
                    .isEqualTo(json("{\"t\":-2,\"num\":\"1700000000\"}"));
            assertThat(c.send("{\"t\":3,\"num\":3}").read())
                    .isEqualTo(json("{\"t\":-3,\"num\":3,\"topic\":[\"m_2\",\"c_2\"]}"));

            c.send("{\"t\":6,\"method\":\"publish\",\"topic\":[\"m_2\"],\"msg\":{\"door\":1},"
                    + "\"opts\":{\"time_to_live\":600},\"num\":6}");
            JsonNode push = c.read();
            assertThat(push.get("t").asInt()).isEqualTo(5);
            assertThat(push.get("msg")).isEqualTo(json("{\"door\":1}"));
            assertThat(push.get("alias").asText()).isEqualTo("ann");
            assertThat(push.get("topic").asText()).isEqualTo("m_2");
            String mid = push.get("mid").asText();
            assertThat(c.read()).isEqualTo(json("{\"t\":-6,\"num\":6}"));

            assertThat(c.send("{\"t\":4,\"num\":\"p\"}").read()).isEqualTo(
                    json("{\"t\":-4,\"msg\":[{\"door\":1}],\"mid\":[\"" + mid + "\"],\"num\":\"p\"}"));
            c.send("{\"t\":-5,\"mid\":\"" + mid + "\"}");
            assertThat(c.send("{\"t\":4}").read()).as("the ack has no answer; the next pull finds nothing")
                    .isEqualTo(json("{\"t\":-4,\"msg\":[],\"mid\":[]}"));

            assertThat(c.send("{\"t\":7}").read()).isEqualTo(
                    json("{\"One2OneSize\":0,\"One2ManySize\":0,\"Many2ManySize\":0,\"channelSize\":1}"));
            assertThat(c.send("{\"t\":14,\"alias\":\"ann\"}").read()).isEqualTo(json("{\"t\":-14,\"alias\":\"ann\"}"));
            assertThat(c.send("{\"t\":6,\"method\":\"publish\",\"msg\":\"x\"}").read().get("t").asInt())
                    .as("a publish without topic is refused").isZero();
        }
    }

    @Test
    void aPublishToAnAliasReachesThatAliasOnAnotherConnection() {
        try (LineClient sender = servers.tcpClient(); LineClient bob = servers.tcpClient()) {
            assertThat(bob.send("{\"t\":14,\"alias\":\"bob\"}").read()).isEqualTo(json("{\"t\":-14,\"alias\":\"bob\"}"));
            assertThat(publishTo(sender, "bob", "{\"alarm\":\"motion\"}")).isEqualTo(json("{\"t\":-6,\"num\":1}"));

            JsonNode push = bob.read();
            assertThat(push.get("t").asInt()).isEqualTo(5);
            assertThat(push.get("alias").asText()).isEqualTo("bob");
            assertThat(push.get("msg")).isEqualTo(json("{\"alarm\":\"motion\"}"));
            assertThat(push.has("topic")).isFalse();
        }
    }

    @Test
    void anAcknowledgedMessageIsNotReplayedOnReconnect() {
        try (LineClient sender = servers.tcpClient()) {
            publishTo(sender, "cid", "\"first\"");
        }
        try (LineClient cid = servers.tcpClient()) {
            cid.send("{\"t\":14,\"alias\":\"cid\"}");
            assertThat(cid.read().get("t").asInt()).isEqualTo(-14);
            JsonNode push = cid.read();
            assertThat(push.get("msg").asText()).isEqualTo("first");
            cid.send("{\"t\":-5,\"mid\":\"" + push.get("mid").asText() + "\"}");
            assertThat(cid.send("{\"t\":4}").read().get("mid")).isEmpty();
        }
        try (LineClient cid = servers.tcpClient()) {
            cid.send("{\"t\":14,\"alias\":\"cid\"}").send("{\"t\":4,\"num\":2}");
            assertThat(cid.read().get("t").asInt()).isEqualTo(-14);
            assertThat(cid.read()).as("the pull's answer, with no push before it")
                    .isEqualTo(json("{\"t\":-4,\"msg\":[],\"mid\":[],\"num\":2}"));
        }
    }

    @Test
    void anUnacknowledgedMessageIsReplayedOnReconnect() {
        try (LineClient sender = servers.tcpClient()) {
            publishTo(sender, "dee", "\"again\"");
        }
        String mid;
        try (LineClient dee = servers.tcpClient()) {
            dee.send("{\"t\":14,\"alias\":\"dee\"}");
            assertThat(dee.read().get("t").asInt()).isEqualTo(-14);
            mid = dee.read().get("mid").asText();
        }
        try (LineClient dee = servers.tcpClient()) {
            dee.send("{\"t\":14,\"alias\":\"dee\"}");
            assertThat(dee.read().get("t").asInt()).isEqualTo(-14);
            assertThat(dee.read()).isEqualTo(
                    json("{\"t\":5,\"mid\":\"" + mid + "\",\"msg\":\"again\",\"alias\":\"dee\"}"));
        }
    }

    @Test
    void aDoorOpenReachesTheDoorUnitsOfThatRoomOnly() {
        try (LineClient phone = servers.tcpClient();
             LineClient door1 = servers.tcpClient();
             LineClient door2 = servers.tcpClient()) {
            registerDoor(door1, "room-1");
            registerDoor(door2, "room-2");
            phone.send("{\"t\":9,\"r\":\"room-1\",\"u\":\"ann\"}");

            phone.send("{\"t\":8,\"r\":\"room-1\",\"u\":\"ann\"}");
            phone.send("{\"t\":8,\"r\":\"room-2\",\"u\":\"bob\"}");

            assertThat(door1.read()).isEqualTo(json("{\"t\":8,\"r\":\"room-1\",\"u\":\"ann\"}"));
            assertThat(door2.read()).as("room-2's unit sees its own command first, none of room-1's")
                    .isEqualTo(json("{\"t\":8,\"r\":\"room-2\",\"u\":\"bob\"}"));
            assertThat(phone.send("{\"t\":1,\"alias\":\"ann\"}").read())
                    .as("t:8, t:9 and t:10 have no answer").isEqualTo(json("{\"t\":-1,\"alias\":\"ann\"}"));
        }
    }

    @Test
    void badInputIsAnsweredOnItsConnectionAndOthersKeepTheirPushes() {
        try (LineClient bad = servers.tcpClient(); LineClient eve = servers.tcpClient()) {
            eve.send("{\"t\":14,\"alias\":\"eve\"}");
            assertThat(eve.read().get("t").asInt()).isEqualTo(-14);

            assertThat(bad.send("{\"t\":1,\"alias\":").read().get("error").asText()).startsWith("malformed JSON");
            assertThat(bad.send("{\"t\":42}").read()).isEqualTo(json("{\"t\":0,\"error\":\"unknown type t:42\"}"));
            bad.sendRaw(("{\"t\":1,\"alias\":\"" + "z".repeat(5000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            assertThat(bad.read()).isEqualTo(json("{\"t\":0,\"error\":\"line longer than 1024 bytes\"}"));
            assertThat(bad.send("{\"t\":1,\"alias\":\"bad\"}").read()).isEqualTo(json("{\"t\":-1,\"alias\":\"bad\"}"));

            assertThat(publishTo(bad, "eve", "\"still here\"").get("t").asInt()).isEqualTo(-6);
            assertThat(eve.read().get("msg").asText()).isEqualTo("still here");
            assertThat(servers.count("alarmhub.push.bad_input", "face", "tcp", "reason", "oversized")).isEqualTo(1);
        }
    }

    @Test
    void tooManyBadLinesInARowCloseOnlyThatConnection() {
        try (LineClient bad = servers.tcpClient(); LineClient fay = servers.tcpClient()) {
            fay.send("{\"t\":14,\"alias\":\"fay\"}");
            assertThat(fay.read().get("t").asInt()).isEqualTo(-14);
            for (int i = 0; i < SETTINGS.maxBadLines(); i++) {
                bad.send("garbage " + i);
            }
            assertThat(bad.closedByServer()).isTrue();
            try (LineClient sender = servers.tcpClient()) {
                publishTo(sender, "fay", "1");
            }
            assertThat(fay.read().get("msg").asInt()).isEqualTo(1);
        }
    }

    private static JsonNode publishTo(LineClient client, String alias, String msg) {
        return client.send("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"" + alias + "\"],\"msg\":" + msg
                + ",\"opts\":{\"time_to_live\":600},\"num\":1}").read();
    }

    /** Registers a door unit; the heartbeat's answer proves the registration was handled before it. */
    private static void registerDoor(LineClient door, String room) {
        door.send("{\"t\":10,\"r\":\"" + room + "\",\"u\":\"unit\"}");
        assertThat(door.send("{\"t\":1,\"alias\":\"door-" + room + "\"}").read().get("t").asInt()).isEqualTo(-1);
    }
}
