package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.platform.CountedPeople;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.alarmhub.gateway.device.hemu.reports.DailyStatistics;
import io.alarmhub.gateway.device.hemu.reports.PanoramaAssembler;
import io.alarmhub.gateway.device.hemu.reports.PanoramaLimits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What cameras report of themselves, read and collected: not a byte stream, the functions the HEDGW handler's
 * platform calls.
 * <ul>
 *   <li>{@link #reportTexts}: the input as the {@code msg} of a {@code DevIpCamCmd} type 2 (daily statistics,
 *       5.2.12) and of a {@code DevEventCmd} type 4 (a people count, 5.2.6). Nothing escapes but
 *       {@link DailyStatistics.Invalid}; statistics taken have a day of {@code startTime}, an {@code endTime} not
 *       before it, counters from 0 to 2<sup>53</sup>−1 of the document's names only, drops within totals, a
 *       {@code selfDefine} of at most 4,096 bytes, and read back from their JSON as they were; a people count
 *       taken has 16-bit counts each way and a stop not before its start, within the years 2000 to 9999.</li>
 *   <li>{@link #panoramaPictures}: a script of pictures of four cameras on a small {@link PanoramaAssembler}
 *       (5 pictures a set, 64 bytes a picture, 3 sets, 400 bytes, 10 s), with the clock moved between them.
 *       Nothing escapes; the bytes and sets held stay within the limits, and no bytes are held without a set;
 *       a set handed over has every picture, the one just sent in its place; every set started ends exactly
 *       once (handed over, or dropped and counted), or is still held; once every set has timed out, nothing
 *       is held.</li>
 * </ul>
 */
class HemuReportsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final PanoramaLimits LIMITS = new PanoramaLimits(5, 64, 3, 400, Duration.ofSeconds(10));

    @FuzzTest(maxDuration = "30s")
    void reportTexts(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        IpCamMessage message = IpCamMessage.create(2, Optional.empty(), Optional.of(text), Optional.empty());
        if (message instanceof IpCamMessage.Statistics statistics) {
            try {
                check(DailyStatistics.read(statistics.statistics(), NOW));
            } catch (DailyStatistics.Invalid refused) {
                assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(200);
            }
        }
        Optional<CountedPeople> count = CountedPeople.read(Optional.of(text));
        count.ifPresent(c -> {
            assertThat(c.up()).isBetween(0, 0xFFFF);
            assertThat(c.down()).isBetween(0, 0xFFFF);
            assertThat(c.stop()).isAfterOrEqualTo(c.start());
            assertThat(c.start()).isAfterOrEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            assertThat(c.stop()).isBeforeOrEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        });
        assertThat(CountedPeople.values(count, false)).isNotEmpty();
    }

    private static void check(DailyStatistics statistics) throws Exception {
        assertThat(statistics.endTime()).isAfterOrEqualTo(statistics.startTime());
        assertThat(statistics.day()).isEqualTo(LocalDate.ofInstant(statistics.startTime(), ZoneOffset.UTC));
        assertThat(statistics.startTime()).isBeforeOrEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(DailyStatistics.COUNTERS).containsAll(statistics.counters().keySet());
        statistics.counters().values().forEach(v -> assertThat(v).isBetween(0L, DailyStatistics.MAX_VALUE));
        for (String media : List.of("Video", "Audio")) {
            Long dropped = statistics.counters().get("drop" + media + "Frames");
            Long total = statistics.counters().get("total" + media + "Frames");
            if (dropped != null && total != null) {
                assertThat(dropped).isLessThanOrEqualTo(total);
            }
        }
        statistics.selfDefine().ifPresent(s -> assertThat(s.toString().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DailyStatistics.MAX_SELF_DEFINE_BYTES));
        String stored = statistics.json().toString();
        assertThat(DailyStatistics.stored(stored).json().toString()).isEqualTo(stored);
        assertThat(JSON.readTree(stored).isObject()).isTrue();
    }

    /**
     * The input: per picture 4 bytes — the camera (2 bits) and a step of the clock in seconds (6 bits); the
     * sequence; the count; the picture's size — then that many bytes of the picture, of which the first is its
     * mark. Missing input reads as zeros; a sequence or count of 0, or a sequence past the count, is not a
     * picture {@code IpCamMessage} would give, and makes the assembler sweep instead.
     */
    @FuzzTest(maxDuration = "30s")
    void panoramaPictures(byte[] input) {
        List<String> dropped = new ArrayList<>();
        PanoramaAssembler assembler = new PanoramaAssembler(LIMITS, dropped::add);
        int started = 0;
        int completed = 0;
        Instant now = NOW;
        for (int at = 0; at + 4 <= input.length; ) {
            int head = input[at] & 0xff;
            String camera = "11023456789456" + (head & 3);
            now = now.plusSeconds(head >>> 2);
            int sequence = input[at + 1] & 0xff;
            int count = input[at + 2] & 0xff;
            int size = input[at + 3] & 0xff;
            at += 4;
            byte[] picture = new byte[Math.max(0, Math.min(size, input.length - at))];
            System.arraycopy(input, at, picture, 0, picture.length);
            at += picture.length;
            if (sequence < 1 || count < 1 || sequence > count) {
                assembler.expire(now);
            } else {
                int before = assembler.collecting() + dropped.size() + completed;
                PanoramaAssembler.Outcome outcome = assembler.offer(camera,
                        new IpCamMessage.PanoramaPicture(Optional.empty(), sequence, count, picture), now);
                if (outcome instanceof PanoramaAssembler.Complete complete) {
                    completed++;
                    List<byte[]> pictures = complete.panorama().pictures();
                    assertThat(pictures).hasSize(count).doesNotContainNull();
                    assertThat(pictures.get(sequence - 1)).isSameAs(picture);
                    assertThat(complete.panorama().deviceId()).isEqualTo(camera);
                } else if (outcome instanceof PanoramaAssembler.Kept kept) {
                    assertThat(kept.received()).isBetween(1, count - 1);
                    assertThat(kept.count()).isEqualTo(count);
                } else {
                    assertThat(((PanoramaAssembler.Refused) outcome).reason()).isIn("too_many", "too_large", "busy");
                }
                int after = assembler.collecting() + dropped.size() + completed;
                started += Math.max(0, after - before);
            }
            assertThat(assembler.collecting()).isBetween(0, LIMITS.maxSets());
            assertThat(assembler.bytes()).isBetween(0L, LIMITS.maxBytes());
            if (assembler.collecting() == 0) {
                assertThat(assembler.bytes()).as("bytes without a set").isZero();
            }
        }
        assertThat(started).as("every set started ends once, or is held")
                .isEqualTo(completed + dropped.size() + assembler.collecting());
        assertThat(dropped).allMatch(r -> List.of("timed_out", "replaced", "refused").contains(r));
        assembler.expire(now.plus(LIMITS.timeout()).plusSeconds(1));
        assertThat(assembler.collecting()).isZero();
        assertThat(assembler.bytes()).as("nothing held once every set timed out").isZero();
    }
}
