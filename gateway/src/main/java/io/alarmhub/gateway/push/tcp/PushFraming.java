package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.push.protocol.PushJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * How a push connection's channel carries JSON: lines on PushServer, text frames on {@code /ws}.
 * A reply is framed on the writing thread, before the write, so that the channel's pending bytes (and
 * with them {@code isWritable()}, which pauses delivery) count the real size of what waits.
 */
public interface PushFraming {

    /** One reply or push, ready to write. */
    Object frame(ByteBufAllocator alloc, JsonNode json);

    /** A message pushed to {@code alias} ({@code t:5}), ready to write; see {@link PushedJson}. */
    Object pushed(ByteBufAllocator alloc, Message message, String alias);

    /** The last thing written before the server closes the connection for bad input. */
    Object farewell(String reason);

    /** PushServer: the JSON text and a {@code \n}; a closing connection just ends. */
    PushFraming LINES = new PushFraming() {
        @Override
        public Object frame(ByteBufAllocator alloc, JsonNode json) {
            return json(alloc, json).writeByte('\n');
        }

        @Override
        public Object pushed(ByteBufAllocator alloc, Message message, String alias) {
            return PushedJson.write(alloc.buffer(), message, alias).writeByte('\n');
        }

        @Override
        public Object farewell(String reason) {
            return Unpooled.EMPTY_BUFFER;
        }
    };

    /** Writes the JSON text of a value into a new buffer, UTF-8. */
    static ByteBuf json(ByteBufAllocator alloc, JsonNode json) {
        ByteBuf buf = alloc.buffer();
        try (OutputStream out = new ByteBufOutputStream(buf)) {
            PushJson.JSON.writer().writeValue(out, json);
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException("could not write a JSON reply", e);
        }
    }
}
