package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.gateway.command.RecordingCommander;
import io.alarmhub.gateway.push.websocket.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proving an alias ({@code t:21}) and commanding a device ({@code t:20}) over PushServer and {@code /ws}: real
 * sockets on loopback, the real SQLite store, and a test vendor's commander ({@link RecordingCommander}).
 */
class DeviceCommandTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final String PTZ = "{\"cmd\":\"ptz\",\"speed\":2.50}";

    /** The face a test's connection is on. */
    enum Face {
        TCP, WEBSOCKET
    }

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(START);
    /** The app back end's view: the node's key and clock. */
    private final AliasTokens backEnd = new AliasTokens(KEY, VALIDITY, SKEW, clock);
    private final RecordingCommander commander = new RecordingCommander();
    private final List<Connection> connections = new ArrayList<>();
    private PushServers servers;

    @BeforeEach
    void start() {
        servers = new PushServers(dir, new AliasTokens(KEY, VALIDITY, SKEW, clock));
        servers.context.commands().register("test", commander);
    }

    @AfterEach
    void stop() {
        connections.forEach(Connection::close);
        servers.close();
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void anUnprovenConnectionIsRefusedNotOwnerAndNothingReachesTheCommander(Face face) {
        Connection c = connect(face);
        assertRefused(c.send(command("test", "cam-1", 1)).read(), "not_owner", 1);
        assertThat(c.send("{\"t\":21,\"token\":\"" + backEnd.mint("alice").token() + "\",\"num\":2}").read())
                .isEqualTo(json("{\"t\":0,\"error\":\"no alias: send a heartbeat (t:1) or connect (t:14) with your "
                        + "alias first\",\"num\":2}"));

        assertThat(c.send("{\"t\":1,\"alias\":\"alice\"}").read()).isEqualTo(json("{\"t\":-1,\"alias\":\"alice\"}"));
        JsonNode refused = c.send(command("test", "cam-1", 3)).read();
        assertRefused(refused, "not_owner", 3);
        assertThat(refused.get("error").asText()).startsWith("prove your alias first");
        assertThat(commander.waiting()).isZero();
        assertThat(commands(face, "not_owner")).isEqualTo(2.0);
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void tokensOfAnotherAliasExpiredForgedOrOfAnotherKeyProveNothing(Face face) {
        Connection c = heartbeat(connect(face), "alice");
        String alices = backEnd.mint("alice").token();
        String forged = alices.substring(0, alices.length() - 1) + (alices.endsWith("0") ? "1" : "0");
        String expired = new AliasTokens(KEY, VALIDITY, SKEW, Clock.fixed(START.minus(VALIDITY).minusSeconds(1),
                ZoneOffset.UTC)).mint("alice").token();
        String otherKey = new AliasTokens("ffeeddccbbaa99887766554433221100", VALIDITY, SKEW, clock)
                .mint("alice").token();

        assertThat(prove(c, backEnd.mint("bob").token(), 1))
                .isEqualTo(json("{\"t\":0,\"error\":\"invalid alias token\",\"num\":1}"));
        assertThat(prove(c, forged, 2)).isEqualTo(json("{\"t\":0,\"error\":\"invalid alias token\",\"num\":2}"));
        assertThat(prove(c, otherKey, 3)).isEqualTo(json("{\"t\":0,\"error\":\"invalid alias token\",\"num\":3}"));
        assertThat(prove(c, expired, 4)).isEqualTo(json("{\"t\":0,\"error\":\"alias token expired\",\"num\":4}"));

        assertRefused(c.send(command("test", "cam-1", 5)).read(), "not_owner", 5);
        assertThat(commander.waiting()).isZero();
        assertThat(proofs(face, "invalid")).isEqualTo(3.0);
        assertThat(proofs(face, "expired")).isEqualTo(1.0);
        assertThat(proofs(face, "proven")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void aProvenAliasCommandsAndOnlyTheConnectionThatAskedGetsTheAnswer(Face face) {
        Connection asker = heartbeat(connect(face), "alice");
        Connection aliceOverTcp = heartbeat(connect(Face.TCP), "alice");
        Connection aliceOverWebSocket = heartbeat(connect(Face.WEBSOCKET), "alice");

        assertThat(prove(asker, backEnd.mint("alice").token(), "p")).isEqualTo(json(
                "{\"t\":-21,\"alias\":\"alice\",\"expires\":\"2030-01-01T01:00:00Z\",\"num\":\"p\"}"));
        asker.send("{\"t\":20,\"vendor\":\"test\",\"device\":\"cam-1\",\"command\":" + PTZ + ",\"num\":\"c1\"}");

        RecordingCommander.Sent sent = commander.next();
        assertThat(sent.alias()).isEqualTo("alice");
        assertThat(sent.deviceId()).isEqualTo("cam-1");
        assertThat(sent.command().toString()).as("the vendor's JSON as the app sent it").isEqualTo(PTZ);
        assertThat(asker.read()).isEqualTo(json("{\"t\":-20,\"vendor\":\"test\",\"device\":\"cam-1\",\"answer\":"
                + "{\"device\":\"cam-1\",\"alias\":\"alice\",\"echo\":" + PTZ + "},\"num\":\"c1\"}"));

        // Each other connection of the alias: the next thing it reads is the answer to its own heartbeat.
        for (Connection other : List.of(aliceOverTcp, aliceOverWebSocket)) {
            assertThat(other.send("{\"t\":1,\"alias\":\"alice\"}").read())
                    .isEqualTo(json("{\"t\":-1,\"alias\":\"alice\"}"));
        }
        assertThat(commands(face, "answered")).isEqualTo(1.0);
        assertThat(proofs(face, "proven")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void aRefusalOfTheCommanderOrAnUnknownVendorComesBackWithItsReason(Face face) {
        Connection c = proven(connect(face), "alice");

        assertThat(c.send(command("test", "offline-7", 1)).read()).isEqualTo(json(
                "{\"t\":0,\"error\":\"camera offline-7 is not connected\",\"reason\":\"offline\",\"num\":1}"));
        assertThat(c.send(command("test", "incapable-7", 2)).read()).isEqualTo(json(
                "{\"t\":0,\"error\":\"camera incapable-7 has no PTZ\",\"reason\":\"not_capable\",\"num\":2}"));
        assertThat(c.send(command("nosuch", "cam-1", 3)).read()).isEqualTo(json(
                "{\"t\":0,\"error\":\"no vendor nosuch takes commands; these do: test\",\"reason\":\"bad_command\","
                        + "\"num\":3}"));
        assertThat(c.send("{\"t\":20,\"vendor\":\"test\",\"device\":\"cam-1\",\"command\":[1],\"num\":4}").read())
                .as("a command that cannot be read is the protocol's error, without a reason")
                .isEqualTo(json("{\"t\":0,\"error\":\"command must be a JSON object\",\"num\":4}"));

        assertThat(c.send(command("test", "broken-7", 5)).read()).as("a commander's bug: no reason to give")
                .isEqualTo(json("{\"t\":0,\"error\":\"internal error\",\"num\":5}"));

        assertThat(commander.next().deviceId()).isEqualTo("offline-7");
        assertThat(commander.next().deviceId()).isEqualTo("incapable-7");
        assertThat(commander.next().deviceId()).isEqualTo("broken-7");
        assertThat(commander.waiting()).isZero();
        assertThat(commands(face, "offline")).isEqualTo(1.0);
        assertThat(commands(face, "not_capable")).isEqualTo(1.0);
        assertThat(commands(face, "bad_command")).isEqualTo(1.0);
        assertThat(commands(face, "failed")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void atMostEightCommandsOfAConnectionAwaitTheirAnswers(Face face) {
        Connection c = proven(connect(face), "alice");
        Connection neighbour = proven(connect(face), "alice");
        List<RecordingCommander.Sent> waiting = new ArrayList<>();
        for (int num = 1; num <= 8; num++) {
            c.send(command("test", "slow-" + num, num));
            waiting.add(commander.next());
        }

        assertRefused(c.send(command("test", "cam-9", 9)).read(), "busy", 9);
        assertThat(neighbour.send(command("test", "cam-n", 1)).read().get("t").asInt())
                .as("the bound is per connection").isEqualTo(-20);
        assertThat(commander.next().deviceId()).isEqualTo("cam-n");

        waiting.get(3).answer().complete((ObjectNode) json("{\"done\":4}"));
        assertThat(c.read()).isEqualTo(json("{\"t\":-20,\"vendor\":\"test\",\"device\":\"slow-4\","
                + "\"answer\":{\"done\":4},\"num\":4}"));
        assertThat(c.send(command("test", "cam-10", 10)).read().get("num").asInt())
                .as("one answered: room for one more").isEqualTo(10);
        assertThat(commander.next().deviceId()).isEqualTo("cam-10");
        assertThat(commands(face, "busy")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Face.class)
    void aProofLastsUntilItsTokenExpiresAndANewTokenProvesAgain(Face face) {
        Connection c = proven(connect(face), "alice");
        clock.now = START.plus(VALIDITY);

        JsonNode refused = c.send(command("test", "cam-1", 1)).read();
        assertRefused(refused, "not_owner", 1);
        assertThat(refused.get("error").asText()).isEqualTo("the alias token that proved alice expired at "
                + "2030-01-01T01:00:00Z: prove the alias again with a new one");
        assertThat(commander.waiting()).isZero();

        assertThat(prove(c, backEnd.mint("alice").token(), 2).get("expires").asText()).isEqualTo("2030-01-01T02:00:00Z");
        assertThat(c.send(command("test", "cam-1", 3)).read().get("t").asInt()).isEqualTo(-20);
        assertThat(commander.next().alias()).isEqualTo("alice");
    }

    private Connection connect(Face face) {
        Connection c = face == Face.TCP ? new Line(servers.tcpClient()) : new Frames(servers.webSocketPort);
        connections.add(c);
        return c;
    }

    private static Connection heartbeat(Connection c, String alias) {
        assertThat(c.send("{\"t\":1,\"alias\":\"" + alias + "\"}").read())
                .isEqualTo(json("{\"t\":-1,\"alias\":\"" + alias + "\"}"));
        return c;
    }

    private Connection proven(Connection c, String alias) {
        heartbeat(c, alias);
        assertThat(prove(c, backEnd.mint(alias).token(), 0).get("t").asInt()).isEqualTo(-21);
        return c;
    }

    private static JsonNode prove(Connection c, String token, Object num) {
        String n = num instanceof String text ? "\"" + text + "\"" : num.toString();
        return c.send("{\"t\":21,\"token\":\"" + token + "\",\"num\":" + n + "}").read();
    }

    private static String command(String vendor, String device, int num) {
        return "{\"t\":20,\"vendor\":\"" + vendor + "\",\"device\":\"" + device + "\",\"command\":" + PTZ
                + ",\"num\":" + num + "}";
    }

    /** A refusal: {@code t:0} with an error for people, the reason's word and the request's {@code num}. */
    private static void assertRefused(JsonNode reply, String reason, int num) {
        assertThat(reply.get("t").asInt()).as("%s", reply).isZero();
        assertThat(reply.get("error").asText()).as("%s", reply).isNotBlank();
        assertThat(reply.get("reason").asText()).as("%s", reply).isEqualTo(reason);
        assertThat(reply.get("num").asInt()).as("%s", reply).isEqualTo(num);
        assertThat(reply.size()).as("%s", reply).isEqualTo(4);
    }

    private double commands(Face face, String result) {
        return servers.count("alarmhub.push.commands", "face", tag(face), "result", result);
    }

    private double proofs(Face face, String result) {
        return servers.count("alarmhub.push.alias_proofs", "face", tag(face), "result", result);
    }

    private static String tag(Face face) {
        return face == Face.TCP ? "tcp" : "websocket";
    }

    /** A push connection on either face, one JSON request or reply at a time. */
    private interface Connection {
        Connection send(String json);

        JsonNode read();

        void close();
    }

    private record Line(LineClient client) implements Connection {
        @Override
        public Connection send(String json) {
            client.send(json);
            return this;
        }

        @Override
        public JsonNode read() {
            return client.read();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static final class Frames implements Connection {
        private final WsClient client;

        Frames(int port) {
            try {
                client = WsClient.connect(port, "/ws");
            } catch (Exception e) {
                throw new AssertionError("cannot connect to /ws", e);
            }
        }

        @Override
        public Connection send(String json) {
            client.send(json);
            return this;
        }

        @Override
        public JsonNode read() {
            try {
                return client.nextJson();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
