package io.alarmhub.gateway.device.hemu.openapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSignatureTest {

    private static final String SECRET = "ADtuchbM8TBPhQdSi8U4";
    private static final String KEY = "5e2abe86-6aa";

    @Test
    void theDocumentsWorkedExample() {
        assertThat(ApiSignature.of(SECRET, KEY, "{a:1,b:2,c:3}")).isEqualTo("1661d0fa85d325c27030af5783f63998");
    }

    @Test
    void matchesHexInEitherCase() {
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f63998", SECRET, KEY, "{a:1,b:2,c:3}")).isTrue();
        assertThat(ApiSignature.matches("1661D0FA85D325C27030AF5783F63998", SECRET, KEY, "{a:1,b:2,c:3}")).isTrue();
    }

    @Test
    void refusesAnyOtherSignature() {
        String json = "{a:1,b:2,c:3}";
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f63999", SECRET, KEY, json)).isFalse();
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f6399", SECRET, KEY, json)).isFalse();
        assertThat(ApiSignature.matches("", SECRET, KEY, json)).isFalse();
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f63998", "other", KEY, json)).isFalse();
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f63998", SECRET, KEY, "{a:1,b:2,c:4}")).isFalse();
        // A non-ASCII letter must not fold into a hex digit.
        assertThat(ApiSignature.matches("1661d0fa85d325c27030af5783f6399\u212a", SECRET, KEY, json)).isFalse();
    }

    @Test
    void signsTheJsonAsUtf8() {
        assertThat(ApiSignature.of("s", "k", "{\"name\":\"\u6444\u50cf\u5934\"}"))
                .isEqualTo(ApiSignature.of("s", "k", new String("{\"name\":\"\u6444\u50cf\u5934\"}")))
                .hasSize(32).matches("[0-9a-f]{32}");
    }
}
