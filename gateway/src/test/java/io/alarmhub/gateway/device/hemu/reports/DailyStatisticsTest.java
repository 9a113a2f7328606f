package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.json.NetworkJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 5.2.12's statistics checked: the document's example, lenient where cameras differ, refused where they lie. */
class DailyStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2017-01-22T15:00:00Z");
    /** The document's example, with the comma it lacks after {@code startTime} and {@code selfDefine} as JSON. */
    static final String EXAMPLE = """
            {"startTime":1485011708000,"endTime": 1485098108000,"totalSize": 233312342,
             "totalVideoFrames": 200000,"dropVideoFrames": 23445,"totalAudioFrames": 200000,
             "dropAudioFrames": 23445,"onlineDuration": 36000,"disconnectTimes": 10,"rebootTimes":2,
             "delay":500,"openApiFailureTimes":0,"assignHedgwIpTimes":5,"selfDefine": {"fw":"1.2"}}""";

    @Test
    void theDocumentsExampleIsReadWithEveryCounterInItsName() throws Exception {
        DailyStatistics statistics = DailyStatistics.read(object(EXAMPLE), NOW);

        assertThat(statistics.startTime()).isEqualTo(Instant.ofEpochMilli(1485011708000L));
        assertThat(statistics.day()).isEqualTo(LocalDate.of(2017, 1, 21));
        assertThat(statistics.counters()).hasSize(11).containsEntry("totalSize", 233312342L)
                .containsEntry("dropVideoFrames", 23445L).containsEntry("delay", 500L)
                .containsEntry("assignHedgwIpTimes", 5L).containsEntry("openApiFailureTimes", 0L);
        assertThat(JSON.readTree(statistics.json().toString())).isEqualTo(JSON.readTree(EXAMPLE));
        assertThat(DailyStatistics.stored(statistics.json().toString())).isEqualTo(statistics);
    }

    @Test
    void countersMayComeAsTextMayBeLeftOutAndTheDelayMayHaveAFraction() throws Exception {
        DailyStatistics statistics = DailyStatistics.read(object("""
                {"startTime":"1485011708000","endTime":1485098108000,"totalVideoFrames":" 200000 ","delay":499.6,
                 "rebootTimes":2.0,"unknown":7}"""), NOW);

        assertThat(statistics.counters()).containsOnlyKeys("totalVideoFrames", "delay", "rebootTimes")
                .containsEntry("totalVideoFrames", 200000L).containsEntry("delay", 500L)
                .containsEntry("rebootTimes", 2L);
        assertThat(statistics.selfDefine()).isEmpty();
        assertThat(statistics.json().has("unknown")).as("what 5.2.12 does not name is dropped").isFalse();
    }

    @Test
    void valuesThatCannotBeRightAreRefusedNamingTheValue() {
        for (List<String> c : List.of(
                List.of("{\"endTime\":1485098108000}", "startTime is missing"),
                List.of("{\"startTime\":1485011708000}", "endTime is missing"),
                List.of("{\"startTime\":1485011708,\"endTime\":1485098108}", "before 2000 (it is in milliseconds)"),
                List.of("{\"startTime\":1485098108000,\"endTime\":1485011708000}", "endTime is before startTime"),
                List.of("{\"startTime\":1585011708000,\"endTime\":1585098108000}", "more than a day ahead"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":-1}",
                        "rebootTimes is negative"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":1.5}",
                        "rebootTimes is not a whole number"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":\"two\"}",
                        "rebootTimes is not a number"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"rebootTimes\":true}",
                        "rebootTimes is not a number"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"totalSize\":9007199254740992}",
                        "totalSize is more than 9007199254740991"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"delay\":1e999999999}",
                        "delay is more than"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1e999999999}", "endTime is more than"),
                List.of("{\"startTime\":1485011708000,\"endTime\":253402300800000}", "endTime is after the year 9999"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"totalVideoFrames\":10,"
                        + "\"dropVideoFrames\":11}", "dropVideoFrames is more than totalVideoFrames"),
                List.of("{\"startTime\":1485011708000,\"endTime\":1485098108000,\"selfDefine\":\""
                        + "x".repeat(DailyStatistics.MAX_SELF_DEFINE_BYTES) + "\"}", "selfDefine is 4098 bytes"))) {
            assertThatThrownBy(() -> DailyStatistics.read(object(c.get(0)), NOW)).as(c.get(0))
                    .isInstanceOf(DailyStatistics.Invalid.class).hasMessageContaining(c.get(1));
        }
    }

    @Test
    void aTinyDelayWithAnEnormousScaleRoundsToZeroWithoutWorkingItOut() throws Exception {
        DailyStatistics statistics = DailyStatistics.read(object(
                "{\"startTime\":1485011708000,\"endTime\":1485098108000,\"delay\":1e-999999999}"), NOW);
        assertThat(statistics.counters()).containsEntry("delay", 0L);
    }

    @Test
    void aSelfDefineUpToItsLimitIsKeptAsSent() throws Exception {
        String own = "\"" + "x".repeat(DailyStatistics.MAX_SELF_DEFINE_BYTES - 2) + "\"";
        DailyStatistics statistics = DailyStatistics.read(object(
                "{\"startTime\":1485011708000,\"endTime\":1485098108000,\"selfDefine\":" + own + "}"), NOW);
        assertThat(statistics.json().get("selfDefine")).isEqualTo(JSON.readTree(own));
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) NetworkJson.standard().reader().readTree(json);
    }
}
