package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.device.DeviceRegistry;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.EventDesk;
import io.alarmhub.core.event.RoutingRules;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.core.store.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.gateway.push.tcp.PushServers.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Device events pushed over a real PushServer connection carry the topic they were routed to. */
class DeviceEventPushTest {

    private static final DeviceId CAMERA = new DeviceId("jovision", "S35084741");

    @TempDir
    Path dir;
    private PushServers servers;

    @BeforeEach
    void start() {
        servers = new PushServers(dir);
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    private EventDesk desk(RoutingRules rules) {
        CompletableFuture<List<Device>> stored = new CompletableFuture<>();
        servers.store.submit(new StoreOp.LoadDevices(stored));
        Clock clock = Clock.systemUTC();
        DeviceRegistry registry = new DeviceRegistry(true,
                Map.of(CAMERA, new DeviceRegistry.Configured("", List.of("owner"))), stored.join());
        return new EventDesk(servers.context.hub(), servers.store, registry, rules, new MessageIds(clock, 2), clock,
                Map.of(), List.of());
    }

    private static DeviceEvent.Online online(EventDesk desk) {
        return new DeviceEvent.Online(desk.nextId(), CAMERA, Instant.now(), Optional.empty(), Optional.empty(), "{}");
    }

    @Test
    void anEventOnTheDeviceTopicIsPushedWithThatTopicToItsWatchersAndOwners() throws Exception {
        EventDesk desk = desk(RoutingRules.DEFAULT);
        try (LineClient console = servers.tcpClient(); LineClient owner = servers.tcpClient()) {
            console.send("{\"t\":14,\"alias\":\"console\"}").read();
            assertThat(console.send("{\"t\":2,\"topic\":[\"jovision/S35084741\"],\"num\":1}").read())
                    .isEqualTo(json("{\"t\":-2,\"num\":1}"));
            owner.send("{\"t\":14,\"alias\":\"owner\"}").read();

            desk.accept(online(desk)).get();

            for (LineClient watcher : List.of(console, owner)) {
                JsonNode push = watcher.read();
                assertThat(push.get("t").asInt()).isEqualTo(5);
                assertThat(push.get("msg").get("event").asText()).isEqualTo("online");
                assertThat(push.get("topic").asText()).isEqualTo("jovision/S35084741");
            }
        }
    }

    @Test
    void anEventRoutedToSeveralTopicsOrNoneNamesNone() throws Exception {
        RoutingRules twoTopics = new RoutingRules("{vendor}/{device}", true, List.of(new RoutingRules.Rule(
                Optional.empty(), Optional.empty(), Optional.empty(), List.of("all-{vendor}"), List.of())),
                Duration.ofDays(1));
        EventDesk desk = desk(twoTopics);
        try (LineClient owner = servers.tcpClient()) {
            owner.send("{\"t\":14,\"alias\":\"owner\"}").read();
            desk.accept(online(desk)).get();
            assertThat(owner.read().has("topic")).isFalse();
        }
    }
}
