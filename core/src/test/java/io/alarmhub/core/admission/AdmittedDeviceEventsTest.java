package io.alarmhub.core.admission;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.alarmhub.core.admission.AdmissionTest.assertBusy;
import static org.assertj.core.api.Assertions.assertThat;

class AdmittedDeviceEventsTest {

    private static final DeviceId DEVICE = new DeviceId("jovision", "S1");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final HoldingIntake intake = new HoldingIntake();
    private final Admission admission = new Admission(1, HeapGuard.never());
    private final AdmittedDeviceEvents events = new AdmittedDeviceEvents(intake, admission);

    @Test
    void newEventsPastTheBoundAreRefusedBeforeTheIntakeSeesThem() {
        CompletableFuture<Void> first = events.accept(alarm("e1"));
        for (DeviceEvent fresh : List.of(alarm("e2"), online(), status(), media())) {
            assertBusy(events.accept(fresh), Overload.IN_FLIGHT);
        }
        assertThat(intake.taken).containsExactly("e1");
        assertThat(admission.refused(Overload.IN_FLIGHT, "jovision")).isEqualTo(4);

        intake.held.get(0).complete(null);
        assertThat(first).isCompleted();
        events.accept(alarm("e3"));
        assertThat(intake.taken).containsExactly("e1", "e3");
    }

    @Test
    void offlineEventsAlarmEndsAndChangesAreNeverRefused() {
        events.accept(alarm("e1"));
        events.accept(new DeviceEvent.Offline("e2", DEVICE, NOW, "goodbye", "{}"));
        events.accept(new DeviceEvent.AlarmEnd("e3", DEVICE, NOW, AlarmType.MOTION, "1", "S1:1", "device", "{}"));
        events.accept(online(), DeviceChange.owners(List.of("alice")));
        assertThat(intake.taken).containsExactly("e1", "e2", "e3", "online");
        assertThat(admission.inFlight()).isEqualTo(4);
        assertThat(admission.refused(Overload.IN_FLIGHT, "jovision")).isZero();

        intake.held.forEach(held -> held.completeExceptionally(new IllegalStateException("store failed")));
        assertThat(admission.inFlight()).as("released on failure as on success").isZero();
    }

    @Test
    void theRestIsTheIntakesOwn() {
        assertThat(events.nextId()).isEqualTo("id-1");
        assertThat(events.online(DEVICE)).isTrue();
        events.seen(DEVICE, NOW);
        assertThat(intake.seen).containsExactly(DEVICE);
    }

    private static DeviceEvent.Alarm alarm(String id) {
        return new DeviceEvent.Alarm(id, DEVICE, NOW, 1, AlarmType.MOTION, "7", Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), "{}");
    }

    private static DeviceEvent.Online online() {
        return new DeviceEvent.Online("online", DEVICE, NOW, Optional.empty(), Optional.empty(), "{}");
    }

    private static DeviceEvent.Status status() {
        return new DeviceEvent.Status("status", DEVICE, NOW, Map.of("battery", "80"), "{}");
    }

    private static DeviceEvent.AlarmMediaReady media() {
        return new DeviceEvent.AlarmMediaReady("media", DEVICE, NOW, "S1:1",
                new MediaRef(MediaKind.PICTURE, "a.jpg", Optional.empty(), "a.jpg"), "{}");
    }

    /** Holds every event's future until the test completes it. */
    private static final class HoldingIntake implements DeviceEvents {

        final List<String> taken = new ArrayList<>();
        final List<CompletableFuture<Void>> held = new ArrayList<>();
        final List<DeviceId> seen = new ArrayList<>();

        @Override
        public CompletableFuture<Void> accept(DeviceEvent event) {
            taken.add(event.id());
            CompletableFuture<Void> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }

        @Override
        public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
            return accept(event);
        }

        @Override
        public String nextId() {
            return "id-1";
        }

        @Override
        public boolean online(DeviceId device) {
            return true;
        }

        @Override
        public void seen(DeviceId device, Instant at) {
            seen.add(device);
        }
    }
}
