package io.alarmhub.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.json.NetworkJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;

/** One line read from an enterprise connection. */
sealed interface StreamLine {

    NetworkJson JSON = NetworkJson.standard();

    /** A JSON object. */
    record Request(ObjectNode json) implements StreamLine {
    }

    /** Not one JSON object. */
    record Malformed(String reason) implements StreamLine {
    }

    /** Longer than the limit; the rest of the line was skipped. */
    record Oversized(int maxLineBytes) implements StreamLine {
    }

    static StreamLine parse(ByteBuf line) {
        try (ByteBufInputStream in = new ByteBufInputStream(line.duplicate())) {
            JsonNode node = JSON.reader().readTree((java.io.InputStream) in);
            if (node instanceof ObjectNode object) {
                return new Request(object);
            }
            return new Malformed("a request is a JSON object");
        } catch (IOException e) {
            return new Malformed("not readable as JSON");
        }
    }
}
