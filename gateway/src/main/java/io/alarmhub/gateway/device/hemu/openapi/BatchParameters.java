package io.alarmhub.gateway.device.hemu.openapi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The three parameters of {@code POST /andmu/v2/service/batch}, as the request carried them: the
 * manufacturer's {@code accessKey}, the request {@code signature} ({@link ApiSignature}) and the message,
 * {@code jsonObject} (JSON text, read by {@link HemuRequest#create}).
 *
 * <p>How {@link #create} reads them:
 * <ul>
 *   <li>Parameters come from the body when it has any, else from the query: each parameter is taken from
 *       the body when the body has it, else from the query. A name present in both must have the same value,
 *       else BAD_REQUEST.</li>
 *   <li>The body is read when its content type is {@code application/x-www-form-urlencoded} (with or without
 *       a charset; it is read as UTF-8 whatever the charset says), {@code text/plain}, or absent; any other
 *       content type with a non-empty body is BAD_REQUEST. An empty body is no source, whatever its
 *       content type.</li>
 *   <li>The reader splits a source at {@code &} into {@code name=value} pairs (a pair without {@code =} has
 *       an empty value; empty pairs are skipped). Names and values are percent-decoded with {@code +} as
 *       space (form encoding), {@code %XX} runs being UTF-8, EXCEPT a {@code jsonObject} value whose first
 *       character is <code>&#123;</code> or {@code [}: that is raw JSON, read verbatim up to the end of its balanced
 *       JSON value (brackets counted outside JSON strings, with backslash escapes inside strings honoured),
 *       after which the next character must be {@code &} or the end.</li>
 *   <li>Unknown parameter names are ignored, their values unread; a repeated name (of the three) in one
 *       source is BAD_REQUEST.</li>
 *   <li>A missing or empty {@code accessKey} or {@code signature} is BAD_REQUEST with a description naming
 *       it; a missing or empty {@code jsonObject} is EMPTY_JSON.</li>
 *   <li>A bad %-escape, unbalanced raw JSON, or invalid UTF-8 (in the body, or in a %-escaped run) is
 *       BAD_REQUEST.</li>
 * </ul>
 * The values are those the signature is computed over: form-decoded, or the raw JSON as sent. The body's
 * size is the caller's to bound; whatever the input, {@link #create} throws nothing but
 * {@link OpenApiException}.
 *
 * @param accessKey  the manufacturer's key, non-empty
 * @param signature  the signature as sent (hex, any case), non-empty
 * @param jsonObject the message's JSON text, non-empty; it carries the user's token, so {@link #toString}
 *                   shows only its length
 */
public record BatchParameters(String accessKey, String signature, String jsonObject) {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TEXT = "text/plain";

    /**
     * Reads the parameters of one request.
     *
     * @param rawQuery    the request target's query, after {@code ?} and still encoded; empty when none
     * @param contentType the {@code Content-Type} header's value; empty when none
     * @param body        the request's body; empty when none
     */
    public static BatchParameters create(String rawQuery, String contentType, byte[] body) {
        Map<String, String> fromBody = body.length == 0 ? Map.of() : body(contentType, body);
        Map<String, String> fromQuery = FormReader.read(rawQuery, "query");
        Optional<String> accessKey = value(FormReader.ACCESS_KEY, fromBody, fromQuery);
        Optional<String> signature = value(FormReader.SIGNATURE, fromBody, fromQuery);
        Optional<String> jsonObject = value(FormReader.JSON_OBJECT, fromBody, fromQuery);
        return new BatchParameters(
                accessKey.orElseThrow(() -> FormReader.bad(missing(FormReader.ACCESS_KEY, fromBody, fromQuery))),
                signature.orElseThrow(() -> FormReader.bad(missing(FormReader.SIGNATURE, fromBody, fromQuery))),
                jsonObject.orElseThrow(() -> new OpenApiException(ErrorCode.EMPTY_JSON,
                        missing(FormReader.JSON_OBJECT, fromBody, fromQuery))));
    }

    private static Map<String, String> body(String contentType, byte[] body) {
        checkContentType(contentType);
        return FormReader.read(FormReader.utf8(body, "the body"), "body");
    }

    private static void checkContentType(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .strip().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals(FORM) && !type.equals(TEXT)) {
            throw FormReader.bad("a body of content type " + OpenApiException.shown(type) + " is not read; send "
                    + FORM);
        }
    }

    /** The non-empty value of {@code name}. */
    private static Optional<String> value(String name, Map<String, String> body, Map<String, String> query) {
        String inBody = body.get(name);
        String inQuery = query.get(name);
        if (inBody != null && inQuery != null && !inBody.equals(inQuery)) {
            throw FormReader.bad(name + " differs between the body and the query");
        }
        return Optional.ofNullable(inBody != null ? inBody : inQuery).filter(value -> !value.isEmpty());
    }

    private static String missing(String name, Map<String, String> body, Map<String, String> query) {
        return name + (body.containsKey(name) || query.containsKey(name) ? " is empty" : " is missing");
    }

    @Override
    public String toString() {
        return "BatchParameters[accessKey=" + accessKey + ", signature=" + signature + ", jsonObject=<"
                + jsonObject.length() + " characters>]";
    }
}
