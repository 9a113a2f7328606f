package io.alarmhub.gateway.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits every network face parses JSON with. */
class NetworkJsonTest {

    private final NetworkJson json = NetworkJson.standard();

    @Test
    void refusesNestingPastTheLimit() throws Exception {
        String ok = "[".repeat(NetworkJson.MAX_DEPTH) + "]".repeat(NetworkJson.MAX_DEPTH);
        String deep = "[".repeat(NetworkJson.MAX_DEPTH + 1) + "]".repeat(NetworkJson.MAX_DEPTH + 1);

        assertThat(json.reader().readTree(ok).isArray()).isTrue();
        assertThatThrownBy(() -> json.reader().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void aShallowerProtocolRefusesEarlier() {
        NetworkJson flat = NetworkJson.withMaxDepth(2);

        assertThatThrownBy(() -> flat.reader().readTree("{\"a\":{\"b\":[1]}}"))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> NetworkJson.withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trailingCommasOnlyWhereAsked() throws Exception {
        NetworkJson lenient = NetworkJson.withMaxDepthAndTrailingCommas(2);

        assertThat(lenient.reader().readTree("{\"a\":[1,2,],}").toString()).isEqualTo("{\"a\":[1,2]}");
        assertThatThrownBy(() -> lenient.reader().readTree("{\"a\":{\"b\":[1]}}"))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> json.reader().readTree("{\"a\":1,}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> NetworkJson.withMaxDepthAndTrailingCommas(NetworkJson.MAX_DEPTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLongNumbersNamesAndStrings() {
        String number = "1".repeat(NetworkJson.MAX_NUMBER_LENGTH + 1);
        String name = "n".repeat(NetworkJson.MAX_NAME_LENGTH + 1);
        String text = "s".repeat(NetworkJson.MAX_STRING_LENGTH + 1);

        assertThatThrownBy(() -> json.reader().readTree("[" + number + "]")).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> json.reader().readTree("{\"" + name + "\":1}")).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> json.reader().readTree("[\"" + text + "\"]")).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void readsOneValueAndKeepsDecimalDigits() throws Exception {
        assertThat(json.reader().readTree("{\"amount\":2.50}").toString()).isEqualTo("{\"amount\":2.50}");
        assertThatThrownBy(() -> json.reader().readTree("{} {}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void givesALibrarysMapperTheSameLimits() {
        ObjectMapper foreign = new ObjectMapper();

        json.applyTo(foreign);

        assertThat(foreign.getFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(NetworkJson.MAX_DEPTH);
        assertThatThrownBy(() -> foreign.readTree("[" + "9".repeat(NetworkJson.MAX_NUMBER_LENGTH + 1) + "]"))
                .isInstanceOf(StreamConstraintsException.class);
    }
}
