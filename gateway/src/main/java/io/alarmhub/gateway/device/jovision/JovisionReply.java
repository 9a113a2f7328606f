package io.alarmhub.gateway.device.jovision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.Optional;

/**
 * The reply to one request, in the key order of the document's debug examples:
 * {@code {"mt":2220,"rt":0,"mid":99,"dguid":"S35084741","ats":1411626360}} and a {@code \r\n}. The reply
 * type is the request's plus one. {@code mid}, {@code dguid} and {@code ats} are echoed as the device sent
 * them; {@code ats} only to alarms (the 2201/2203/2205 replies have none), and {@code dguid} to 2219 too,
 * as the debug example does although the document's table omits it.
 *
 * @param type  the reply's {@code mt}
 * @param mid   the request's {@code mid}
 * @param dguid the request's {@code dguid}, when it had one
 * @param ats   the request's {@code ats}, when it is an alarm and had one
 */
public record JovisionReply(int type, JsonNode mid, Optional<JsonNode> dguid, Optional<JsonNode> ats) {

    /** The request was taken. */
    public static final int OK = 0;
    /** The request was not understood. */
    public static final int MALFORMED = -10;
    /** The request could not be carried out (the alarm could not be stored, the device is refused). */
    public static final int FAILED = -1;

    static JovisionReply to(int requestType, JsonNode mid, JsonNode request) {
        boolean alarm = requestType == JovisionMessage.ALARM || requestType == JovisionMessage.FTP_ALARM
                || requestType == JovisionMessage.CLOUD_ALARM;
        return new JovisionReply(requestType + 1, mid, scalar(request.get("dguid")),
                alarm ? scalar(request.get("ats")) : Optional.empty());
    }

    public ObjectNode json(int rt) {
        ObjectNode json = JovisionJson.JSON.object();
        json.put("mt", type);
        json.put("rt", rt);
        json.set("mid", mid);
        dguid.ifPresent(d -> json.set("dguid", d));
        ats.ifPresent(a -> json.set("ats", a));
        return json;
    }

    /** The reply line, ready to write. */
    public ByteBuf encode(ByteBufAllocator alloc, int rt) {
        String line = json(rt) + "\r\n";
        ByteBuf buf = alloc.buffer(ByteBufUtil.utf8MaxBytes(line));
        ByteBufUtil.writeUtf8(buf, line);
        return buf;
    }

    private static Optional<JsonNode> scalar(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) ? Optional.of(node) : Optional.empty();
    }
}
