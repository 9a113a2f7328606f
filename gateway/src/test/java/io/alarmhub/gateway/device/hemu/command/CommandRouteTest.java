package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.store.StoreException;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.command.CommandRefusal.Reason;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /hemu/command/{deviceId}/{token}} through the Hemu app API, with a commander that records calls. */
class CommandRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "110234567894562";

    private final List<String> calls = new ArrayList<>();
    private CompletableFuture<com.fasterxml.jackson.databind.node.ObjectNode> next;
    private final HemuAppApi api = new HemuAppApi((AccountCalls) null, () -> "https://x:8443", Set.of());

    {
        api.registerRoute("command", new CommandRoute((alias, deviceId, command) -> {
            calls.add(alias + " " + deviceId + " " + command);
            return next;
        }));
    }

    private AppAnswer post(String deviceId, String body) throws Exception {
        return api.answer(new AppRequest("POST", List.of("command", deviceId), Map.of(), body, "app")).get();
    }

    private static JsonNode json(AppAnswer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    @Test
    void theCamerasAnswerIsTheBodyOfA200() throws Exception {
        next = CompletableFuture.completedFuture(JSON.createObjectNode().put("deviceId", DEVICE).put("response", 0));

        AppAnswer answer = post(DEVICE, "{\"alias\":\"alice\",\"command\":\"wifi.list\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.route()).isEqualTo("hemu_command");
        assertThat(json(answer).get("response").asInt()).isZero();
        assertThat(calls).containsExactly("alice " + DEVICE + " {\"alias\":\"alice\",\"command\":\"wifi.list\"}");
    }

    @Test
    void aRefusalHasItsStatusTheRestServersErrorShapeAndItsWord() throws Exception {
        for (Reason reason : Reason.values()) {
            next = CompletableFuture.failedFuture(new CommandRefusal(reason, "because " + reason));

            AppAnswer answer = post(DEVICE, "{\"alias\":\"alice\",\"command\":\"wifi.list\"}");

            assertThat(answer.status()).as(reason.name()).isEqualTo(reason.status());
            assertThat(json(answer)).isEqualTo(JSON.readTree("{\"t\":0,\"error\":\"because " + reason
                    + "\",\"reason\":\"" + reason.word() + "\"}"));
            assertThat(answer.fault()).as("a fault of the request's, for 4xx only")
                    .isEqualTo(reason.status() < 500 ? java.util.Optional.of(reason.word()) : java.util.Optional.empty());
        }
    }

    @Test
    void aSettingTheStoreCouldNotKeepIs503() throws Exception {
        next = CompletableFuture.failedFuture(new StoreException("disk full"));

        AppAnswer answer = post(DEVICE, "{\"alias\":\"alice\",\"command\":\"night_vision\",\"value\":\"on\"}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).get("error").asText()).isEqualTo("storage unavailable, try again");
    }

    @Test
    void aBadBodyAliasOrDeviceIdIsRefusedBeforeTheCommander() throws Exception {
        assertThat(json(post(DEVICE, "not json")).get("reason").asText()).isEqualTo("bad_command");
        assertThat(post(DEVICE, "[]").status()).isEqualTo(400);
        assertThat(json(post(DEVICE, "{\"command\":\"wifi.list\"}")).get("error").asText())
                .isEqualTo("alias: missing, or not an alias");
        assertThat(post(DEVICE, "{\"alias\":\"\",\"command\":\"wifi.list\"}").status()).isEqualTo(400);
        AppAnswer badDevice = post("12345", "{\"alias\":\"alice\",\"command\":\"wifi.list\"}");
        assertThat(badDevice.status()).isEqualTo(404);
        assertThat(json(badDevice).get("reason").asText()).isEqualTo("unknown_device");
        assertThat(api.answer(new AppRequest("GET", List.of("command", DEVICE), Map.of(), "", "app")).get().status())
                .isEqualTo(405);
        assertThat(api.answer(new AppRequest("POST", List.of("command"), Map.of(), "{}", "app")).get().status())
                .isEqualTo(404);
        assertThat(calls).isEmpty();
    }
}
