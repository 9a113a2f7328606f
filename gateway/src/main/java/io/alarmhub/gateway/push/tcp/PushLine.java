package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * One decoded line (or {@code /ws} text frame) of the push protocol. Decoders emit the bad cases as values
 * rather than exceptions, so that the handler can answer them with the protocol's own error and the
 * connection lives on.
 */
public sealed interface PushLine {

    /** A line holding exactly one JSON value; whether it is a valid request is for {@code PushRequest} to say. */
    record Request(JsonNode json) implements PushLine {
    }

    /** A line that is not one JSON value in UTF-8. */
    record Malformed(String reason) implements PushLine {
    }

    /** A line longer than the connection allows; its bytes were discarded unread. */
    record Oversized(int maxBytes) implements PushLine {
    }

    /**
     * Reads one JSON value from UTF-8 bytes, without changing the buffer's indexes.
     * Trailing content after the value (two objects on one line) makes the line malformed.
     */
    static PushLine parse(ByteBuf utf8) {
        try (InputStream in = new ByteBufInputStream(utf8.duplicate())) {
            JsonNode json = StrictJson.READER.readTree(in);
            return json == null || json.isMissingNode() ? new Malformed("no JSON value") : new Request(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Malformed(at == null || at.getColumnNr() < 1
                    ? "malformed JSON" : "malformed JSON at column " + at.getColumnNr());
        } catch (IOException e) {
            return new Malformed("unreadable line");
        }
    }

    /** True when the bytes are nothing but ASCII whitespace: such lines are keep-alives, not requests. */
    static boolean isBlank(ByteBuf bytes) {
        return bytes.forEachByte(b -> b == ' ' || b == '\t' || b == '\r' || b == '\n') < 0;
    }
}
