package io.alarmhub.gateway.device.hemu.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanRequestTest {

    @Test
    void aWholeChangeIsRead() {
        PlanRequest request = PlanRequest.read(
                "{\"deviceStatus\":1,\"serviceDays\":30,\"thumbnails\":{\"span\":60,\"width\":640,\"height\":360}}");

        assertThat(request).isEqualTo(new PlanRequest(Optional.of(PlanStatus.CLOUD), OptionalInt.of(30),
                OptionalInt.of(60), OptionalInt.of(640), OptionalInt.of(360)));
        assertThat(request.touchesPlan()).isTrue();
        assertThat(request.touchesThumbnails()).isTrue();
    }

    @Test
    void eachValueMayBeLeftOut() {
        PlanRequest days = PlanRequest.read("{\"serviceDays\":0}");
        assertThat(days.status()).isEmpty();
        assertThat(days.serviceDays()).hasValue(0);
        assertThat(days.touchesThumbnails()).isFalse();

        PlanRequest stop = PlanRequest.read("{\"thumbnails\":{\"span\":0}}");
        assertThat(stop.touchesPlan()).isFalse();
        assertThat(stop.span()).hasValue(0);
        assertThat(stop.width()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"deviceStatus\":44}                           | deviceStatus: 44 (deleted) is no plan",
            "{\"deviceStatus\":4}                            | deviceStatus: 0 (trial), 1 (cloud)",
            "{\"deviceStatus\":-1}                           | deviceStatus: 0 (trial)",
            "{\"deviceStatus\":\"1\"}                        | deviceStatus: 0 (trial)",
            "{\"deviceStatus\":1.0}                          | deviceStatus: 0 (trial)",
            "{\"deviceStatus\":99999999999999999999999}      | deviceStatus: 0 (trial)",
            "{\"serviceDays\":-1}                            | serviceDays: a whole number from 0 to 36500",
            "{\"serviceDays\":36501}                         | serviceDays: a whole number from 0 to 36500",
            "{\"serviceDays\":null}                          | serviceDays: a whole number",
            "{\"thumbnails\":{\"span\":86401}}               | thumbnails.span: a whole number from 0 to 86400",
            "{\"thumbnails\":{\"width\":15}}                 | thumbnails.width: a whole number from 16 to 3840",
            "{\"thumbnails\":{\"height\":2161}}              | thumbnails.height: a whole number from 16 to 2160",
            "{\"thumbnails\":{}}                             | thumbnails: an object",
            "{\"thumbnails\":60}                             | thumbnails: an object",
            "{\"thumbnails\":{\"spam\":60}}                  | thumbnails.spam: unknown",
            "{\"devicestatus\":1}                            | devicestatus: unknown; the names are [deviceStatus, serviceDays, thumbnails]",
            "{\"a b\":1}                                     | a name: unknown",
            "{}                                              | nothing to change",
            "[1]                                             | the body is a JSON object",
            "{\"deviceStatus\":1                             | the body is not JSON",
            "''                                              | the body is a JSON object",
    })
    void badValuesAreRefusedSayingWhichAndWhy(String body, String why) {
        assertThatThrownBy(() -> PlanRequest.read(body)).isInstanceOf(PlanRequest.Invalid.class)
                .hasMessageStartingWith(why);
    }

    @Test
    void planWordsAndNumbersAreBothNames() {
        assertThat(PlanStatus.named("Cloud")).contains(PlanStatus.CLOUD);
        assertThat(PlanStatus.named("3")).contains(PlanStatus.EVENT);
        assertThat(PlanStatus.named("deleted")).isEmpty();
        assertThat(PlanStatus.named("44")).isEmpty();
        assertThat(PlanStatus.of(44)).isEmpty();
    }
}
