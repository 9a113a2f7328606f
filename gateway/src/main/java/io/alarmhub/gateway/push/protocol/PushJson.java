package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.json.NetworkJson;

import java.util.Optional;

/** The push faces' JSON: {@link NetworkJson#standard()}, with the helpers every face uses. */
public final class PushJson {

    public static final NetworkJson JSON = NetworkJson.standard();
    /** Bodies of REST and WebSocket requests have always been read up to their first value. */
    private static final ObjectReader FIRST_VALUE = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PushJson() {
    }

    public static ObjectNode object() {
        return JSON.object();
    }

    /** Parses the first JSON value of a text; empty when it is not JSON. */
    public static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = FIRST_VALUE.readTree(text);
            return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public static String write(JsonNode node) {
        return node.toString();
    }
}
