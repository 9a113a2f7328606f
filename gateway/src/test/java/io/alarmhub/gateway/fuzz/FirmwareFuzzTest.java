package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.device.hemu.firmware.FirmwareFuzzAccess;
import io.alarmhub.gateway.device.hemu.firmware.FirmwareRefusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hemu firmware updates under arbitrary input: what operators send the firmware routes, and what cameras report
 * of their updates.
 *
 * <p>{@link #operatorBodies}: byte 0 picks the reader (even: a package request, odd: a rollout request), the rest
 * is the body as UTF-8. Nothing escapes but {@link FirmwareRefusal} of kind {@code BAD_REQUEST} or
 * {@code TOO_LARGE}, with a printable message of at most 200 characters; a request read has a {@code serviceType}
 * of 1 or 2, a version of the allowed characters, 1 to 100 lower-case models the manufacturer makes, an http(s)
 * URL or a size of 1 to the limit (never both), a 32-hex MD5 when one is given; a rollout request a 12-hex package
 * and either 1 to 10,000 distinct 15-digit device ids or a lower-case model.
 *
 * <p>{@link #cameraReports}: one platform on a real store for the class; each input registers a new camera, starts
 * a rollout to it (its command sent), then runs up to {@value #MAX_OPS} op bytes (low two bits): 0 a progress
 * report (bit 2: the command's session, else another; status 1 to 8, sizes, a comment), 1 a version report (bit
 * 2: the new version, else another), 2 the clock moved on by the next byte's minutes and the timeout swept, 3 a
 * report of a camera without an update. Asserted after every op: every future completes normally; an update
 * moves only along the state machine's edges and never once it has ended; it is confirmed only while the camera
 * reports the package's version, timed out only past its deadline, failed only by a status 4 or 8; and the owner
 * has been pushed exactly one event per change, the last naming the update's state.
 */
class FirmwareFuzzTest {

    private static final int MAX_OPS = 48;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]{1,200}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    /** Where an update may go from each state, itself included (a report that changes only its status). */
    private static final Map<String, Set<String>> EDGES = Map.of(
            "sent", Set.of("sent", "updating", "installed", "confirmed", "failed", "timed_out"),
            "updating", Set.of("updating", "installed", "confirmed", "failed", "timed_out"),
            "installed", Set.of("installed", "updating", "confirmed", "failed", "timed_out"));
    private static final Set<String> ENDED = Set.of("confirmed", "failed", "timed_out", "cancelled", "skipped");

    private static Path dir;
    private static FirmwareFuzzAccess.Platform platform;

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("firmware-fuzz");
        platform = FirmwareFuzzAccess.open(dir, Instant.parse("2026-03-01T08:00:00Z"));
    }

    @AfterAll
    static void close() throws IOException {
        platform.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void operatorBodies(byte[] input) {
        boolean rollout = input.length > 0 && (input[0] & 1) == 1;
        String body = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        try {
            if (rollout) {
                checkRollout(FirmwareFuzzAccess.rolloutRequest(body));
            } else {
                checkPackage(FirmwareFuzzAccess.packageRequest(body));
            }
        } catch (FirmwareRefusal refusal) {
            assertThat(refusal.kind()).isIn(FirmwareRefusal.Kind.BAD_REQUEST, FirmwareRefusal.Kind.TOO_LARGE);
            assertThat(refusal.getMessage()).matches(PRINTABLE);
        }
    }

    private static void checkPackage(FirmwareFuzzAccess.PackageRequestView read) {
        assertThat(read.serviceType()).isIn(1, 2);
        assertThat(read.version()).matches(VERSION);
        assertThat(read.models()).isNotEmpty().hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(FirmwareFuzzAccess.made(m) && m.equals(m.toLowerCase())).isTrue());
        assertThat(read.name()).isNotEmpty().hasSizeLessThanOrEqualTo(128).doesNotContain("/", "\\");
        read.checkSum().ifPresent(sum -> assertThat(sum).matches(MD5));
        assertThat(read.url().isPresent()).isNotEqualTo(read.size() > 0);
        read.url().ifPresent(url -> {
            URI uri = URI.create(url);
            assertThat(uri.getScheme().toLowerCase()).isIn("http", "https");
            assertThat(uri.getHost()).isNotNull();
        });
        assertThat(read.size()).isBetween(0L, FirmwareFuzzAccess.SETTINGS.maxPackageBytes());
    }

    private static void checkRollout(JsonNode read) {
        assertThat(read.path("package").asText()).matches(HEX12);
        if (read.has("devices")) {
            List<String> ids = new ArrayList<>();
            read.path("devices").forEach(id -> ids.add(id.asText()));
            assertThat(ids).hasSizeBetween(1, 10_000).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).matches(DEVICE_ID));
        } else {
            String model = read.path("model").asText();
            assertThat(model).isNotEmpty().isEqualTo(model.toLowerCase());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void cameraReports(byte[] input) throws IOException {
        Reader in = new Reader(input);
        long session = platform.begin();
        JsonNode before = platform.update();
        int changes = 0;
        for (int op = 0; op < MAX_OPS && in.more(); op++) {
            int kind = in.next();
            boolean versionWasNew = platform.firmwareVersion().equals(FirmwareFuzzAccess.NEW_VERSION);
            int status = 0;
            switch (kind & 3) {
                case 0 -> {
                    status = 1 + (in.next() & 7);
                    long reported = (kind & 4) != 0 ? session : session ^ (1L + in.next());
                    platform.progress(reported, status, in.number(), in.number(), in.text()).join();
                    if (reported != session) {
                        status = 0;
                    }
                }
                case 1 -> platform.reportVersion((kind & 4) != 0 ? FirmwareFuzzAccess.NEW_VERSION : "9.9." + in.next());
                case 2 -> platform.advance(Duration.ofMinutes(in.next()));
                default -> platform.strangerProgress(session, 1 + (in.next() & 7)).join();
            }
            JsonNode after = platform.update();
            String was = before.path("state").asText();
            String is = after.path("state").asText();
            if (ENDED.contains(was)) {
                assertThat(after).as("an ended update never moves").isEqualTo(before);
            } else {
                assertThat(EDGES.get(was)).as(was + " → " + is).contains(is);
            }
            if (!after.equals(before)) {
                changes++;
                if (is.equals("confirmed")) {
                    assertThat(platform.firmwareVersion()).isEqualTo(FirmwareFuzzAccess.NEW_VERSION);
                }
                if (is.equals("failed")) {
                    assertThat(status).isIn(4, 8);
                }
                if (is.equals("timed_out")) {
                    assertThat(platform.now()).isAfter(Instant.parse(after.path("deadline").asText()));
                }
                if (is.equals("installed")) {
                    assertThat(versionWasNew).as("a 7 with the new version reported already confirms").isFalse();
                }
            }
            before = after;
        }
        List<JsonNode> events = platform.events();
        assertThat(events).as("one event per change").hasSize(changes);
        events.forEach(e -> assertThat(e.path("rollout").asText()).isEqualTo(platform.rolloutId()));
        if (!events.isEmpty()) {
            JsonNode last = events.get(events.size() - 1);
            String state = before.path("state").asText();
            String word = last.path("firmware").asText();
            assertThat(switch (state) {
                case "confirmed", "timed_out" -> word.equals(state);
                default -> word.equals(before.path("progress").asText());
            }).as(state + " told as " + word).isTrue();
        }
    }

    /** The input's bytes in order; missing ones read as zero. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean more() {
            return at < bytes.length;
        }

        int next() {
            return at < bytes.length ? bytes[at++] & 0xff : 0;
        }

        /** Eight bytes, big-endian: any long, negative ones too. */
        long number() {
            long n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | next();
            }
            return n;
        }

        /** A length byte (up to 63) and that many bytes, as Latin-1. */
        String text() {
            int length = next() & 63;
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) next());
            }
            return text.toString();
        }
    }
}
