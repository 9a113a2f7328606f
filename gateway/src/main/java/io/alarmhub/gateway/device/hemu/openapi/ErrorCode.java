package io.alarmhub.gateway.device.hemu.openapi;

/**
 * The {@code errorCode} values of the OpenAPI document's Appendix C that this platform answers with; the
 * document's remaining codes belong to calls the platform makes, not to what it answers.
 */
public enum ErrorCode {

    OK("0", "success"),
    BAD_REQUEST("400", "bad request"),
    SERVER_ERROR("500", "server error"),
    WRONG_CREDENTIALS("10005", "password or token wrong"),
    SYSTEM_FAILURE("20000", "system failure"),
    EMPTY_JSON("20005", "jsonObject is empty"),
    EMPTY_VALUE("20008", "a required value is empty"),
    JSON_PARSE("21001", "jsonObject could not be parsed"),
    BOUND_TO_OTHER("21113", "device is registered by another account"),
    UNKNOWN_MODEL("70002", "unknown device model"),
    INVALID_DEVICE_ID("70004", "invalid device id"),
    UNDEFINED("80000", "undefined error");

    private final String code;
    private final String meaning;

    ErrorCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** What is sent as {@code errorCode}: the document sends it as a string of decimal digits. */
    public String code() {
        return code;
    }

    /** A short English description, for logs and for {@code errorDescription} when there is no better one. */
    public String meaning() {
        return meaning;
    }
}
