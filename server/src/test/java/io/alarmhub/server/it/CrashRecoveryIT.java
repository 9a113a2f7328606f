package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages acknowledged to their publisher survive a SIGKILL of the server; expired ones and acked ones do not come back. */
class CrashRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void aMessageForAnOfflineAliasSurvivesAKillAndArrivesOnConnectButAnExpiredOneDoesNot() throws Exception {
        try (ServerProcess first = new ServerProcess(dir).start()) {
            RestClient rest = new RestClient(first.rest);
            assertThat(rest.publishToAlias("alice", "{\"n\":\"kept\"}", 3600).toString()).isEqualTo("{\"t\":-6,\"num\":1}");
            rest.publishToAlias("alice", "{\"n\":\"expires\"}", 1);
            first.kill();
        }
        Thread.sleep(2_100); // a real clock must pass: the one-second message expires while the server is down

        try (ServerProcess second = new ServerProcess(dir).start(); LineClient alice = new LineClient(second.tcp)) {
            alice.send("{\"t\":14,\"alias\":\"alice\"}");
            assertThat(alice.read().toString()).isEqualTo("{\"t\":-14,\"alias\":\"alice\"}");
            JsonNode push = alice.read();
            assertThat(push.get("t").asInt()).isEqualTo(5);
            assertThat(push.get("msg").toString()).isEqualTo("{\"n\":\"kept\"}");
            assertThat(push.get("alias").asText()).isEqualTo("alice");

            alice.send("{\"t\":4,\"num\":\"p\"}");
            JsonNode pulled = alice.read();
            assertThat(pulled.get("msg").toString()).isEqualTo("[{\"n\":\"kept\"}]");
            assertThat(pulled.get("mid").get(0).asText()).isEqualTo(push.get("mid").asText());
        }
    }

    @Test
    void anAckIsDurableToo() throws Exception {
        String mid;
        try (ServerProcess first = new ServerProcess(dir).start(); LineClient bob = new LineClient(first.tcp)) {
            new RestClient(first.rest).publishToAlias("bob", "\"ring\"", 3600);
            bob.send("{\"t\":14,\"alias\":\"bob\"}");
            bob.read();
            mid = bob.read().get("mid").asText();
            bob.send("{\"t\":-5,\"mid\":\"" + mid + "\"}");
            // A pull is applied after the ack: its answer says the ack is stored.
            bob.send("{\"t\":4,\"num\":1}");
            assertThat(bob.read().get("mid")).isEmpty();
            first.kill();
        }
        try (ServerProcess second = new ServerProcess(dir).start(); LineClient bob = new LineClient(second.tcp)) {
            bob.send("{\"t\":14,\"alias\":\"bob\"}").read();
            bob.send("{\"t\":4,\"num\":2}");
            assertThat(bob.read().toString()).isEqualTo("{\"t\":-4,\"msg\":[],\"mid\":[],\"num\":2}");
        }
    }

    @Test
    void theServerSaysWhereItListensAndWhereItsDataLives() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            String log = server.output();
            assertThat(log).contains("data directory " + dir.resolve("data"));
            for (int port : new int[] {server.rest, server.tcp, server.webSocket, server.socketIo}) {
                assertThat(log).contains(":" + port);
            }
        }
    }
}
