package io.alarmhub.gateway.device.jovision;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.device.jovision.JovisionMessage.AlarmFields;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Envelope;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed.Kind;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Stage;

import java.time.Instant;
import java.util.Optional;

/**
 * Decodes JSON into {@link JovisionMessage}s. Field names are the document's short keys. Required:
 * {@code mt}, {@code mid}, {@code lpt}, {@code pv} (the reference server drops a message without them; we
 * answer {@code rt:-10}), {@code dguid}; for 2221 and 2223 also {@code ats} and {@code amt}. Everything else
 * is optional, so that an alarm is not lost for want of a field the server can do without.
 */
final class JovisionMessageReader {

    private JovisionMessageReader() {
    }

    static JovisionMessage parse(String line) {
        JsonNode json;
        try {
            json = JovisionJson.JSON.reader().readTree(line);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return notJson(at == null || at.getColumnNr() < 1
                    ? "malformed JSON" : "malformed JSON at column " + at.getColumnNr());
        }
        if (json == null || json.isMissingNode()) {
            return notJson("no JSON value");
        }
        return read(json);
    }

    static JovisionMessage read(JsonNode json) {
        if (!json.isObject()) {
            return new Malformed(Kind.INVALID, "not a JSON object", Optional.empty(), Optional.empty(),
                    Optional.of(json));
        }
        Optional<Integer> mt = integer(json.get("mt"));
        JsonNode midNode = json.get("mid");
        Optional<JsonNode> mid = midNode != null && (midNode.isNumber() || midNode.isTextual())
                ? Optional.of(midNode) : Optional.empty();
        try {
            if (mt.isEmpty()) {
                throw new Invalid(json.has("mt") ? "mt is not an integer" : "no mt");
            }
            if (mid.isEmpty() || !mid.get().isIntegralNumber()) {
                throw new Invalid(json.has("mid") ? "mid is not an integer" : "no mid");
            }
            int type = mt.get();
            if (type != JovisionMessage.ONLINE && type != JovisionMessage.HEARTBEAT
                    && type != JovisionMessage.OFFLINE && type != JovisionMessage.ALARM
                    && type != JovisionMessage.FTP_ALARM && type != JovisionMessage.CLOUD_ALARM) {
                return new Malformed(Kind.UNKNOWN_TYPE, "unknown mt " + type, mt, mid, Optional.of(json));
            }
            return request(type, new Envelope(type, mid.get(), dguid(json), json));
        } catch (Invalid e) {
            return new Malformed(Kind.INVALID, e.getMessage(), mt, mid, Optional.of(json));
        }
    }

    private static JovisionMessage request(int type, Envelope envelope) {
        JsonNode json = envelope.json();
        require(json, "lpt");
        require(json, "pv");
        return switch (type) {
            case JovisionMessage.ONLINE -> new JovisionMessage.Online(envelope, text(json, "dname"));
            case JovisionMessage.HEARTBEAT -> new JovisionMessage.Heartbeat(envelope, text(json, "dname"));
            case JovisionMessage.OFFLINE -> new JovisionMessage.Offline(envelope);
            case JovisionMessage.ALARM -> new JovisionMessage.Alarm(envelope, fields(json));
            case JovisionMessage.FTP_ALARM -> new JovisionMessage.FtpAlarm(envelope, stage(json), staged(json));
            case JovisionMessage.CLOUD_ALARM -> new JovisionMessage.CloudAlarm(envelope, stage(json), staged(json));
            default -> throw new IllegalStateException("known types only");
        };
    }

    private static AlarmFields staged(JsonNode json) {
        AlarmFields fields = fields(json);
        if (fields.ats().isEmpty()) {
            // dguid + ats is what ties the three messages of one alarm together.
            throw new Invalid("no ats");
        }
        return fields;
    }

    private static AlarmFields fields(JsonNode json) {
        Optional<Long> ats = Optional.empty();
        JsonNode atsNode = json.get("ats");
        if (atsNode != null && !atsNode.isNull()) {
            if (!atsNode.isIntegralNumber() || !atsNode.canConvertToLong()) {
                throw new Invalid("ats is not an integer");
            }
            long seconds = atsNode.longValue();
            if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
                // No instant: the alarm's time could not be built, and the connection would fail on it.
                throw new Invalid("ats is out of range");
            }
            ats = Optional.of(seconds);
        }
        int channel = 0;
        JsonNode dcn = json.get("dcn");
        if (dcn != null && !dcn.isNull()) {
            channel = integer(dcn).orElseThrow(() -> new Invalid("dcn is not an integer"));
        }
        Optional<String> video = text(json, "avd");
        if (video.isEmpty()) {
            video = text(json, "avideo");
        }
        return new AlarmFields(ats, channel, text(json, "atype"), text(json, "aguid"), text(json, "dname"),
                text(json, "apic"), video);
    }

    private static Stage stage(JsonNode json) {
        Optional<Integer> amt = integer(json.get("amt"));
        if (amt.isEmpty() || amt.get() < 0 || amt.get() > 2) {
            throw new Invalid(json.has("amt") ? "amt is not 0, 1 or 2" : "no amt");
        }
        return Stage.values()[amt.get()];
    }

    private static String dguid(JsonNode json) {
        JsonNode node = json.get("dguid");
        if (node == null || node.isNull()) {
            throw new Invalid("no dguid");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new Invalid("dguid is not a CloudSEE number");
        }
        return node.textValue();
    }

    private static void require(JsonNode json, String key) {
        if (!json.hasNonNull(key)) {
            throw new Invalid("no " + key);
        }
    }

    /** An optional text field: a number is taken as its text, an empty text as absent. */
    private static Optional<String> text(JsonNode json, String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new Invalid(key + " is not text");
        }
        String text = node.asText();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<Integer> integer(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt()
                ? Optional.of(node.intValue()) : Optional.empty();
    }

    private static Malformed notJson(String reason) {
        return new Malformed(Kind.NOT_JSON, reason, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A field missing or of the wrong type; becomes {@link Kind#INVALID}. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
