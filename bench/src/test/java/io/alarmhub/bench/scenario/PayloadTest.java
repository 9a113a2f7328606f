package io.alarmhub.bench.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadTest {

    @Test
    void aBodyIsExactlyThePayloadSizeAndCarriesItsSendTimeAndSequence() {
        String body = new Payload(256).render(123_456_789_012L, 42);

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(256);
        assertThat(Payload.sentNanos(body)).hasValue(123_456_789_012L);
        assertThat(Payload.seq(body)).hasValue(42);
    }

    @Test
    void theFieldsAreFoundInsideAPushAsTheServerReSerializesIt() {
        String push = "{\"t\":5,\"mid\":\"1\",\"msg\":{\"sent\": -17,\"seq\": 3,\"pad\":\"xx\"},\"alias\":\"a\"}";

        assertThat(Payload.sentNanos(push)).hasValue(-17);
        assertThat(Payload.seq(push)).hasValue(3);
    }

    @Test
    void aBodyWithoutTheFieldsHasNeither() {
        assertThat(Payload.sentNanos("{\"t\":5}")).isEmpty();
        assertThat(Payload.seq("{\"seq\":\"x\"}")).isEmpty();
    }

    @Test
    void aPayloadTooSmallForItsFieldsIsRefused() {
        assertThatThrownBy(() -> new Payload(Payload.MIN_BYTES - 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
