package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.alarmhub.core.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Writes a push ({@code t:5}) straight into a buffer, byte for byte what {@code PushReplies.pushed} gives
 * through Jackson: {@code {"t":5,"mid":…,"msg":…,"alias":…,"topic":…}}. The message's payload is JSON text
 * already (checked when it was published, or made by the server for a device event), so it is copied as it
 * is, not parsed or re-serialized; only the id, alias and topic are quoted. Every push of every receiver
 * went through a Jackson tree and generator before, which the profile counted on the store's writer thread,
 * where deliveries are made (docs/performance.md).
 */
public final class PushedJson {

    private static final byte[] START = ascii("{\"t\":5,\"mid\":");
    private static final byte[] MSG = ascii(",\"msg\":");
    private static final byte[] ALIAS = ascii(",\"alias\":");
    private static final byte[] TOPIC = ascii(",\"topic\":");
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private PushedJson() {
    }

    /** Appends the push of {@code message} to {@code alias} to {@code buf}, without a line end. */
    public static ByteBuf write(ByteBuf buf, Message message, String alias) {
        buf.writeBytes(START);
        quoted(buf, message.id());
        buf.writeBytes(MSG);
        ByteBufUtil.writeUtf8(buf, message.payload());
        buf.writeBytes(ALIAS);
        quoted(buf, alias);
        if (message.topic().isPresent()) {
            buf.writeBytes(TOPIC);
            quoted(buf, message.topic().get());
        }
        return buf.writeByte('}');
    }

    private static void quoted(ByteBuf buf, String text) {
        buf.writeByte('"').writeBytes(QUOTE.quoteAsUTF8(text)).writeByte('"');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
