package io.alarmhub.gateway.device.jovision;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.device.DeviceId;

import java.util.Locale;
import java.util.Optional;

/**
 * One message from a Jovision device, decoded from one JSON line. Requests carry what their reply echoes
 * ({@code mid}, {@code dguid}, and for alarms {@code ats}); a line that is not a valid request is a
 * {@link Malformed} value, answerable with {@code rt:-10} when its {@code mt} and {@code mid} can be read.
 */
public sealed interface JovisionMessage {

    String VENDOR = "jovision";

    int ONLINE = 2201;
    int HEARTBEAT = 2203;
    int OFFLINE = 2205;
    int ALARM = 2219;
    int FTP_ALARM = 2221;
    int CLOUD_ALARM = 2223;

    /** Reads one line: not one JSON value is {@link Malformed}; otherwise {@link #create(JsonNode)}. */
    static JovisionMessage parse(String line) {
        return JovisionMessageReader.parse(line);
    }

    /** Decodes one JSON value; never throws, a bad request is {@link Malformed}. */
    static JovisionMessage create(JsonNode json) {
        return JovisionMessageReader.read(json);
    }

    /** A valid request. */
    sealed interface Request extends JovisionMessage permits Online, Heartbeat, Offline, Alarm, StagedAlarm {

        Envelope envelope();

        default int type() {
            return envelope().type();
        }

        default String dguid() {
            return envelope().dguid();
        }

        default DeviceId device() {
            return new DeviceId(VENDOR, dguid());
        }

        /** The JSON line as received, compact: the event's {@code raw}. */
        default String raw() {
            return envelope().json().toString();
        }

        /** Whom the reply goes to and what it echoes. */
        default JovisionReply reply() {
            return JovisionReply.to(type(), envelope().mid(), envelope().json());
        }
    }

    /**
     * What every request has.
     *
     * @param type  {@code mt}
     * @param mid   {@code mid} as sent, echoed as is
     * @param dguid the device's CloudSEE number
     * @param json  the whole message
     */
    record Envelope(int type, JsonNode mid, String dguid, JsonNode json) {
    }

    /**
     * The alarm fields of 2219, 2221 and 2223, as far as the message has them.
     *
     * @param ats        {@code ats}, unix seconds: with {@code dguid} it names the alarm
     * @param channel    {@code dcn}, 0 when absent
     * @param atype      {@code atype} as text
     * @param aguid      {@code aguid}
     * @param deviceName {@code dname}
     * @param picture    {@code apic}, the picture's file name
     * @param video      {@code avd}, or {@code avideo} as in the document's debug example
     */
    record AlarmFields(Optional<Long> ats, int channel, Optional<String> atype, Optional<String> aguid,
                       Optional<String> deviceName, Optional<String> picture, Optional<String> video) {

        /** The alarm's correlation {@code dguid:ats}, when it has a timestamp. */
        public Optional<String> ref(String dguid) {
            return ats.map(t -> dguid + ":" + t);
        }
    }

    /** 2201: the device comes online. */
    record Online(Envelope envelope, Optional<String> name) implements Request {
    }

    /** 2203: the device is still there. */
    record Heartbeat(Envelope envelope, Optional<String> name) implements Request {
    }

    /** 2205: the device says goodbye. */
    record Offline(Envelope envelope) implements Request {
    }

    /** 2219, the CloudSEE scheme: one message per alarm; file names are passed on as they are. */
    record Alarm(Envelope envelope, AlarmFields fields) implements Request {
    }

    /** {@code amt}: which of an alarm's up to three messages this is. */
    enum Stage {
        /** 0: the alarm itself. */
        TEXT,
        /** 1: its picture is uploaded. */
        PICTURE_UPLOADED,
        /** 2: its clip is uploaded. */
        VIDEO_UPLOADED
    }

    /** An alarm told in stages, sharing {@code dguid:ats}; {@code ats} is always present. */
    sealed interface StagedAlarm extends Request permits FtpAlarm, CloudAlarm {

        Stage amt();

        AlarmFields fields();

        default long ats() {
            return fields().ats().orElseThrow();
        }

        default String ref() {
            return dguid() + ":" + ats();
        }
    }

    /** 2221, the FTP scheme: the server builds the media URLs. */
    record FtpAlarm(Envelope envelope, Stage amt, AlarmFields fields) implements StagedAlarm {
    }

    /** 2223, the cloud storage scheme ("to be decided" in the document): handled as the FTP scheme. */
    record CloudAlarm(Envelope envelope, Stage amt, AlarmFields fields) implements StagedAlarm {
    }

    /**
     * A line that is not a valid request.
     *
     * @param kind   why, for metrics
     * @param reason why, for the log
     * @param mt     {@code mt}, when it could be read
     * @param mid    {@code mid}, when it could be read
     * @param json   the JSON value, when the line was JSON
     */
    record Malformed(Kind kind, String reason, Optional<Integer> mt, Optional<JsonNode> mid,
                     Optional<JsonNode> json) implements JovisionMessage {

        public enum Kind {
            /** Longer than the line limit. */
            OVERSIZED,
            /** Not one JSON value. */
            NOT_JSON,
            /** JSON, but a field is missing or of the wrong type. */
            INVALID,
            /** An {@code mt} this server does not know. */
            UNKNOWN_TYPE;

            public String tag() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        /** The {@code rt:-10} reply, when the line says whom to answer ({@code mt} and {@code mid}). */
        public Optional<JovisionReply> reply() {
            if (mt.isEmpty() || mid.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(JovisionReply.to(mt.get(), mid.get(), json.orElseThrow()));
        }
    }
}
