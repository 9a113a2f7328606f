package io.alarmhub.gateway.device.hemu.openapi;

import java.util.Optional;

/**
 * A request of the OpenAPI face is refused: what to answer ({@link #code()}, {@link #description()}) and, once
 * the request's {@code msgType} is known, the {@code _RSP} type the answer carries. The description is
 * written to be sent to the camera as it is: it names what is wrong, never a secret or a token, and quotes
 * what the camera sent only shortened and reduced to printable ASCII.
 *
 * <p>Refusals are part of normal traffic (a fuzzer or a broken camera sends nothing else), so the exception
 * carries no stack trace: it is cheap to throw and says all there is to say in its fields.
 */
public final class OpenApiException extends RuntimeException {

    private static final int SHOWN_CHARACTERS = 64;

    private final ErrorCode code;
    private final String description;
    private final Optional<String> responseType;

    public OpenApiException(ErrorCode code, String description) {
        this(code, description, Optional.empty());
    }

    public OpenApiException(ErrorCode code, String description, Optional<String> responseType) {
        super(code.code() + " " + description, null, false, false);
        this.code = code;
        this.description = description;
        this.responseType = responseType;
    }

    public ErrorCode code() {
        return code;
    }

    /** Safe to send to the client and to log: contains no secret. */
    public String description() {
        return description;
    }

    /** The {@code _RSP} msgType of the answer, when the request's {@code msgType} was read. */
    public Optional<String> responseType() {
        return responseType;
    }

    /**
     * {@code sent} as a description may quote it: at most 64 characters, anything but printable ASCII as
     * {@code ?}, so that a quoted value can neither flood a log line nor forge one.
     */
    static String shown(String sent) {
        StringBuilder shown = new StringBuilder(Math.min(sent.length(), SHOWN_CHARACTERS) + 3);
        for (int i = 0; i < sent.length() && i < SHOWN_CHARACTERS; i++) {
            char c = sent.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sent.length() > SHOWN_CHARACTERS ? shown.append("...").toString() : shown.toString();
    }
}
