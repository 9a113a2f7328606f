package io.alarmhub.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading and writing the JSON-lines faces in the fuzz tests. */
final class Lines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lines() {
    }

    /** Writes the input in pieces of 1 to 16 bytes, sized by the input's own bytes, while the channel is open. */
    static void writeInPieces(EmbeddedChannel channel, byte[] input) {
        int at = 0;
        while (at < input.length && channel.isOpen()) {
            int size = Math.min(input.length - at, 1 + (input[at] & 0x0f));
            channel.writeInbound(Unpooled.copiedBuffer(input, at, size));
            at += size;
        }
    }

    /** A {@link LocalServer.Client} keeping what it receives as text. */
    static Object text(Object message) {
        assertThat(message).as("message written to the client").isInstanceOf(ByteBuf.class);
        return ((ByteBuf) message).toString(StandardCharsets.UTF_8);
    }

    /** The JSON objects of the texts received by a client that keeps {@link #text}. */
    static List<JsonNode> objects(List<Object> texts, String end) {
        StringBuilder all = new StringBuilder();
        texts.forEach(all::append);
        return objects(all.toString(), end);
    }

    /**
     * The JSON objects of the text, one per line: the text must end with {@code end}, and every line
     * between must be one JSON object.
     */
    private static List<JsonNode> objects(String text, String end) {
        assertThat(text.isEmpty() || text.endsWith(end)).as("output ends with its line end: %s", text).isTrue();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : text.split(end)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("a line that is not JSON: " + line, e);
            }
            assertThat(node != null && node.isObject()).as("a line that is not a JSON object: %s", line).isTrue();
            objects.add(node);
        }
        return objects;
    }
}
