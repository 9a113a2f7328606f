package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alarmhub.gateway.device.hemu.openapi.ApiSignature;
import io.alarmhub.gateway.device.hemu.openapi.BatchParameters;
import io.alarmhub.gateway.device.hemu.openapi.ErrorCode;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest;
import io.alarmhub.gateway.device.hemu.openapi.NonceCache;
import io.alarmhub.gateway.device.hemu.openapi.OpenApiException;
import io.alarmhub.gateway.device.hemu.openapi.Wsse;
import io.alarmhub.gateway.device.hemu.openapi.WsseException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hemu OpenAPI's request path, piece by piece, under arbitrary requests: {@code BatchParameters.create}
 * (query, content type, body), {@code Wsse.create} and {@code digestMatches} (the two headers), a
 * {@code NonceCache} on what they carry, and {@code HemuRequest.create} on the {@code jsonObject} (or, when
 * the parameters were refused, on the whole body as text, so that the message reader is fuzzed either way).
 *
 * <p>An input is readable text: its first four lines are the query, the {@code Content-Type}, the
 * {@code Authorization} and the {@code X-WSSE} value (an empty line: no such header; a line break inside
 * X-WSSE is written as CR or TAB), and the rest, to the end, is the body.
 *
 * <p>Asserted, for every input: nothing but {@link OpenApiException} and {@link WsseException} escapes, with a
 * code the step may give and a short printable-ASCII description; what a step returns obeys its invariants
 * (non-empty parameters; a username that is key, hyphen, device id; a device id of 15 digits, a MAC of 12
 * lowercase hex digits, the record its msgType names, values the type allows); the signature and the digest
 * agree with their own definitions; no {@code toString} and no WSSE refusal shows a token, the SSID or the
 * digest.
 */
class HemuOpenApiFuzzTest {

    private static final String SECRET = "ADtuchbM8TBPhQdSi8U4";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2017-01-01T07:00:00Z"), ZoneOffset.UTC);
    private static final Pattern DIGEST = Pattern.compile("(?i)PasswordDigest\\s*=\\s*\"?([A-Za-z0-9+/=]{20,})");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]{1,200}");
    private static final Set<ErrorCode> PARAMETER_CODES = Set.of(ErrorCode.BAD_REQUEST, ErrorCode.EMPTY_JSON);
    private static final Set<ErrorCode> MESSAGE_CODES = Set.of(ErrorCode.EMPTY_JSON, ErrorCode.JSON_PARSE,
            ErrorCode.BAD_REQUEST, ErrorCode.EMPTY_VALUE, ErrorCode.INVALID_DEVICE_ID);

    @FuzzTest(maxDuration = "30s")
    void requestPieces(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int at = 0;
        for (int line = 0; line < 4; line++) {
            int end = indexOf(input, (byte) '\n', at);
            lines.add(Arrays.copyOfRange(input, at, end));
            at = Math.min(end + 1, input.length);
        }
        byte[] body = Arrays.copyOfRange(input, at, input.length);
        String query = text(lines.get(0));
        String contentType = text(lines.get(1));
        Optional<String> authorization = Optional.of(text(lines.get(2))).filter(value -> !value.isEmpty());
        Optional<String> xWsse = Optional.of(text(lines.get(3))).filter(value -> !value.isEmpty());

        String json = parameters(query, contentType, body).map(BatchParameters::jsonObject).orElse(text(body));
        wsse(authorization, xWsse);
        message(json);
    }

    private static Optional<BatchParameters> parameters(String query, String contentType, byte[] body) {
        BatchParameters read;
        try {
            read = BatchParameters.create(query, contentType, body);
        } catch (OpenApiException refused) {
            assertThat(refused.code()).isIn(PARAMETER_CODES);
            assertThat(refused.description()).matches(PRINTABLE);
            assertThat(refused.responseType()).isEmpty();
            return Optional.empty();
        }
        assertThat(read.accessKey()).isNotEmpty();
        assertThat(read.signature()).isNotEmpty();
        assertThat(read.jsonObject()).isNotEmpty();
        String signature = ApiSignature.of(SECRET, read.accessKey(), read.jsonObject());
        assertThat(signature).matches("[0-9a-f]{32}");
        assertThat(ApiSignature.matches(signature.toUpperCase(Locale.ROOT), SECRET, read.accessKey(),
                read.jsonObject())).isTrue();
        assertThat(ApiSignature.matches(read.signature(), SECRET, read.accessKey(), read.jsonObject()))
                .isEqualTo(signature.equals(read.signature().toLowerCase(Locale.ROOT)));
        // Not "does not contain the JSON": short JSON text is found anywhere by chance.
        String otherJson = "x".repeat(read.jsonObject().length());
        assertThat(read.toString()).as("toString independent of the JSON and its token")
                .isEqualTo(new BatchParameters(read.accessKey(), read.signature(), otherJson).toString());
        return Optional.of(read);
    }

    private static void wsse(Optional<String> authorization, Optional<String> xWsse) {
        Wsse wsse;
        try {
            wsse = Wsse.create(authorization, xWsse);
        } catch (WsseException refused) {
            assertThat(refused.getMessage()).matches(PRINTABLE);
            sentDigest(authorization, xWsse).ifPresent(digest -> assertThat(refused.getMessage())
                    .as("a refusal's message").doesNotContain(digest));
            return;
        }
        assertThat(wsse.username()).isEqualTo(wsse.accessKey() + "-" + wsse.deviceId()).hasSizeLessThanOrEqualTo(256);
        assertThat(wsse.accessKey()).isNotEmpty();
        assertThat(wsse.deviceId()).isNotEmpty().doesNotContain("-");
        assertThat(wsse.nonce()).matches("[\\x20-\\x21\\x23-\\x7e]{1,64}");
        assertThat(wsse.created()).isEqualTo(OffsetDateTime.parse(wsse.createdText()));
        String expected = Wsse.digest(wsse.nonce(), wsse.createdText(), SECRET);
        if (expected.equals(wsse.passwordDigest())) {
            assertThat(wsse.digestMatches(SECRET)).isTrue();
        }
        if (!wsse.nonce().contains(wsse.passwordDigest()) && !wsse.username().contains(wsse.passwordDigest())) {
            assertThat(wsse.toString()).doesNotContain(wsse.passwordDigest());
        }

        NonceCache nonces = new NonceCache(4, Duration.ofMinutes(5), CLOCK);
        NonceCache.Verdict first = nonces.check(wsse.username(), wsse.nonce(), wsse.created());
        NonceCache.Verdict second = nonces.check(wsse.username(), wsse.nonce(), wsse.created());
        assertThat(first).isIn(NonceCache.Verdict.FRESH, NonceCache.Verdict.STALE);
        assertThat(second).isEqualTo(first == NonceCache.Verdict.FRESH ? NonceCache.Verdict.REPLAYED : first);
    }

    /** The digest the X-WSSE value sends, when it is one that no message could show by chance. */
    private static Optional<String> sentDigest(Optional<String> authorization, Optional<String> xWsse) {
        if (xWsse.isEmpty()) {
            return Optional.empty();
        }
        Matcher found = DIGEST.matcher(xWsse.get());
        if (!found.find()) {
            return Optional.empty();
        }
        String digest = found.group(1);
        boolean once = xWsse.get().indexOf(digest) == xWsse.get().lastIndexOf(digest)
                && !authorization.orElse("").contains(digest);
        return once ? Optional.of(digest) : Optional.empty();
    }

    private static void message(String json) {
        HemuRequest request;
        try {
            request = HemuRequest.create(json);
        } catch (OpenApiException refused) {
            assertThat(refused.code()).isIn(MESSAGE_CODES);
            assertThat(refused.description()).matches(PRINTABLE);
            refused.responseType().ifPresent(type -> assertThat(type).endsWith("_RSP"));
            if (refused.code() == ErrorCode.EMPTY_VALUE || refused.code() == ErrorCode.INVALID_DEVICE_ID) {
                assertThat(refused.responseType()).isPresent();
            }
            if (refused.code() == ErrorCode.EMPTY_JSON || refused.code() == ErrorCode.JSON_PARSE) {
                assertThat(refused.responseType()).isEmpty();
            }
            return;
        }
        HemuRequestInvariants.check(request);
    }

    private static int indexOf(byte[] input, byte wanted, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
