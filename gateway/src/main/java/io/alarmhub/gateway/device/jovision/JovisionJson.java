package io.alarmhub.gateway.device.jovision;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The adapter's JSON reader: one value per line (anything after it makes the line malformed), numbers kept
 * with their digits so that {@code raw} and the echoed {@code mid} and {@code ats} are what the device sent,
 * and parsing limits that keep hostile input cheap.
 */
final class JovisionJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ObjectReader READER;

    static {
        MAPPER.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        MAPPER.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxNumberLength(64)
                .build());
        READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private JovisionJson() {
    }
}
