package io.alarmhub.gateway.device.hemu.firmware;

/**
 * Why an operator's request about packages or rollouts is refused, with the HTTP status it is answered with.
 * Its message is the answer's {@code error}: it names the field or the thing, never a secret. Cheap: no stack
 * trace.
 */
public final class FirmwareRefusal extends RuntimeException {

    /** What went wrong, and how the RestServer says it. */
    public enum Kind {
        /** A body or value that is not what the route takes. */
        BAD_REQUEST(400, "body"),
        /** No such package, upload or rollout. */
        NOT_FOUND(404, "not_found"),
        /** The request does not fit the state: an upload's offset, a package a running rollout uses. */
        CONFLICT(409, "conflict"),
        /** A package larger than {@code hemu.firmware.max-package-bytes}. */
        TOO_LARGE(413, "too_large"),
        /** Too many packages, uploads or rollouts, or the store or the disk cannot take it now. */
        UNAVAILABLE(503, "unavailable");

        private final int status;
        private final String fault;

        Kind(int status, String fault) {
            this.status = status;
            this.fault = fault;
        }

        public int status() {
            return status;
        }

        /** A short fixed word for the RestServer's metrics. */
        public String fault() {
            return fault;
        }
    }

    private final Kind kind;

    public FirmwareRefusal(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static FirmwareRefusal bad(String message) {
        return new FirmwareRefusal(Kind.BAD_REQUEST, message);
    }
}
