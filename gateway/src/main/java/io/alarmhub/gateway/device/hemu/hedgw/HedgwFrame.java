package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link HedgwFrameDecoder} makes of one frame of a camera's stream: a whole {@link Message}, or a
 * {@link Bad} one with its reason. Bad input is a value, not an exception, so that the handler decides
 * what to answer and whether to close, and counts it by {@link Reason#tag()}.
 */
public sealed interface HedgwFrame {

    /** A message that parsed, has every required field, and carries the submessage its type names. */
    record Message(Hedgw.HEDGWMessage message) implements HedgwFrame {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A frame that is not a usable message.
     *
     * @param partial for {@link Reason#MISSING_REQUIRED} only: what did parse, so that e.g. a login lacking a
     *                field can still be answered with an error result; empty for the other reasons
     */
    record Bad(Reason reason, String detail, Optional<Hedgw.HEDGWMessage> partial) implements HedgwFrame {
        public Bad {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(partial, "partial");
        }

        public Bad(Reason reason, String detail) {
            this(reason, detail, Optional.empty());
        }

        /** The metrics tag of the reason ({@code zero_length}, {@code too_long}, ...). */
        public String tag() {
            return reason.tag();
        }
    }

    enum Reason {
        /** A length of 0: no HEDGWMessage is empty (message_type is required). The stream is lost. */
        ZERO_LENGTH(true),
        /** A length over the decoder's current limit. The stream is lost. */
        TOO_LONG(true),
        /** The body is not a protobuf HEDGWMessage; the framing is intact and the next frame is read. */
        UNPARSEABLE(false),
        /**
         * The body parsed but lacks a required field (at any depth), or its type names a submessage it does
         * not carry (PING without {@code ping}); the next frame is read.
         */
        MISSING_REQUIRED(false);

        private final boolean endsStream;

        Reason(boolean endsStream) {
            this.endsStream = endsStream;
        }

        /**
         * True when the decoder cannot find the next frame after this one (the length itself is wrong) and
         * discards the rest of the stream: the handler should close the connection.
         */
        public boolean endsStream() {
            return endsStream;
        }

        /** For metrics: the name in lower case ({@code missing_required}). */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
