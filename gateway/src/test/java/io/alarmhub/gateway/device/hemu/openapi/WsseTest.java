package io.alarmhub.gateway.device.hemu.openapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WsseTest {

    private static final String SECRET = "ADtuchbM8TBPhQdSi8U4";
    private static final String NONCE = "d36e316282959a9ed4c89851497a717f";
    private static final String CREATED = "2017-01-01T15:00:00+08:00";
    /** Base64(SHA1(NONCE + CREATED + SECRET)), computed apart from the code under test. */
    private static final String DIGEST = "/1VEXiG/6NilBWCvS4YLAZ5hNPI=";
    private static final Optional<String> AUTHORIZATION = Optional.of("WSSE profile=\"UsernamePwd\"");

    @Test
    void readsTheDocumentsLayout() {
        Wsse wsse = Wsse.create(AUTHORIZATION, Optional.of("UsernamePwd Username=\"5e2abe86-6aa-110234567894562\", "
                + "PasswordDigest=\"" + DIGEST + "\", Nonce=\"" + NONCE + "\", Created=\"" + CREATED + "\""));

        assertThat(wsse.username()).isEqualTo("5e2abe86-6aa-110234567894562");
        assertThat(wsse.accessKey()).isEqualTo("5e2abe86-6aa");
        assertThat(wsse.deviceId()).isEqualTo("110234567894562");
        assertThat(wsse.passwordDigest()).isEqualTo(DIGEST);
        assertThat(wsse.nonce()).isEqualTo(NONCE);
        assertThat(wsse.createdText()).isEqualTo(CREATED);
        assertThat(wsse.created()).isEqualTo(OffsetDateTime.of(2017, 1, 1, 15, 0, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(wsse.digestMatches(SECRET)).isTrue();
        assertThat(wsse.digestMatches(SECRET + "x")).isFalse();
    }

    @Test
    void readsAHeaderBrokenAcrossLinesWithoutSpacesInAnyOrder() {
        Wsse wsse = Wsse.create(Optional.of("  wsse   Profile=UsernamePwd  "), Optional.of(
                "UsernamePwd Created=\"" + CREATED + "\",\r\n  Nonce = \"" + NONCE + "\"\n\t,PasswordDigest=\""
                        + DIGEST + "\",Username=\"5e2abe86-6aa-110234567894562\"\r\n"));

        assertThat(wsse.deviceId()).isEqualTo("110234567894562");
        assertThat(wsse.digestMatches(SECRET)).isTrue();
    }

    @Test
    void digestRoundTrip() {
        assertThat(Wsse.digest(NONCE, CREATED, SECRET)).isEqualTo(DIGEST);

        String created = "2024-05-06T07:08:09.123456Z";
        Wsse wsse = Wsse.create(AUTHORIZATION, xWsse("key-123456789012345", Wsse.digest("n", created, "pw"), "n",
                created));

        assertThat(wsse.digestMatches("pw")).isTrue();
        assertThat(wsse.digestMatches("pW")).isFalse();
        assertThat(wsse.created().toInstant().toString()).isEqualTo("2024-05-06T07:08:09.123456Z");
    }

    @Test
    void splitsTheUsernameAtItsLastHyphen() {
        Wsse wsse = Wsse.create(AUTHORIZATION, xWsse("5e2abe86-6aa-110234567894562", DIGEST, NONCE, CREATED));

        assertThat(wsse.accessKey()).isEqualTo("5e2abe86-6aa");
        assertThat(wsse.deviceId()).isEqualTo("110234567894562");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-01-01T07:00:00Z", "2017-01-01t07:00:00z", "2017-01-01T15:00:00.5+08:00",
            "2017-01-01T15:00:00.123456789+08:00", "2016-12-31T23:00:00-08:00"})
    void readsRfc3339Times(String created) {
        Wsse wsse = Wsse.create(AUTHORIZATION, xWsse("k-1", DIGEST, NONCE, created));

        assertThat(wsse.createdText()).isEqualTo(created);
        assertThat(wsse.created().toEpochSecond()).isBetween(1483254000L, 1483311600L);
    }

    @Test
    void refusesMissingHeaders() {
        assertThat(refused(Optional.empty(), Optional.of("UsernamePwd"))).isEqualTo("no Authorization header");
        assertThat(refused(AUTHORIZATION, Optional.empty())).isEqualTo("no X-WSSE header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Basic dXNlcjpwdw==| Authorization does not start with WSSE",
            "WSSEprofile=\"UsernamePwd\"| Authorization does not start with WSSE",
            "WSSE| Authorization has no profile",
            "WSSE realm=\"x\"| Authorization has no profile",
            "WSSE profile=\"Digest\"| Authorization's profile is not UsernamePwd",
            "WSSE profile=\"UsernamePwd| Authorization's profile has no closing quote",
            "WSSE profile=\"a\", profile=\"UsernamePwd\"| Authorization gives profile twice",
            "WSSE profile| Authorization is not a list of name=\"value\" pairs"})
    void refusesABadAuthorization(String authorization, String message) {
        assertThat(refused(Optional.of(authorization), xWsse("k-1", DIGEST, NONCE, CREATED))).isEqualTo(message);
    }

    @Test
    void refusesABadXWsse() {
        assertThat(refusedXWsse("Basic Username=\"k-1\"")).isEqualTo("X-WSSE does not start with UsernamePwd");
        assertThat(refusedXWsse("UsernamePwdUsername=\"k-1\"")).isEqualTo("X-WSSE does not start with UsernamePwd");
        assertThat(refusedXWsse("UsernamePwd Username=\"k-1\" garbage"))
                .isEqualTo("X-WSSE is not a list of name=\"value\" pairs");
        assertThat(refusedXWsse("UsernamePwd Username=\"k-1\", username=\"k-2\""))
                .isEqualTo("X-WSSE gives username twice");
        String full = xWsse("k-1", DIGEST, NONCE, CREATED).orElseThrow();
        for (String name : new String[] {"Username", "PasswordDigest", "Nonce", "Created"}) {
            String without = full.replaceAll(name + "=\"[^\"]*\"", "Other=\"x\"");
            assertThat(refusedXWsse(without)).isEqualTo("X-WSSE has no " + name);
            String empty = full.replaceAll(name + "=\"[^\"]*\"", name + "=\"\"");
            assertThat(refusedXWsse(empty)).isEqualTo("X-WSSE has no " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"110234567894562", "-110234567894562", "5e2abe86-", "-", "k-1\u00e9", "k-\"1"})
    void refusesAUsernameThatIsNotKeyHyphenDevice(String username) {
        String value = "UsernamePwd Username=" + (username.contains("\"") ? username : "\"" + username + "\"")
                + ", PasswordDigest=\"" + DIGEST + "\", Nonce=\"" + NONCE + "\", Created=\"" + CREATED + "\"";
        assertThat(refusedXWsse(value)).startsWith("Username is not");
    }

    @Test
    void refusesALongUsername() {
        assertThat(refused(AUTHORIZATION, xWsse("k".repeat(241) + "-110234567894562", DIGEST, NONCE, CREATED)))
                .startsWith("Username is not up to 256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAAA", "/1VEXiG/6NilBWCvS4YLAZ5hNPI=AAAA"})
    void refusesADigestThatIsNotOne(String digest) {
        assertThat(refused(AUTHORIZATION, xWsse("k-1", digest, NONCE, CREATED)))
                .isEqualTo("PasswordDigest is not Base64 of a SHA-1 digest");
    }

    @Test
    void refusesABadNonce() {
        String tooLong = "n".repeat(65);
        assertThat(refused(AUTHORIZATION, xWsse("k-1", DIGEST, tooLong, CREATED))).startsWith("Nonce is not 1 to 64");
        assertThat(refused(AUTHORIZATION, xWsse("k-1", DIGEST, "n\u00f6nce", CREATED))).startsWith("Nonce is not");
        assertThat(Wsse.create(AUTHORIZATION, xWsse("k-1", DIGEST, "n".repeat(64), CREATED)).nonce()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-01-01 15:00:00+08:00", "2017-01-01T15:00:00", "2017-01-01T15:00+08:00",
            "2017-02-30T15:00:00Z", "2017-01-01T15:00:00+0800", "+2017-01-01T15:00:00Z", "17-01-01T15:00:00Z",
            "2017-01-01T15:00:00.Z", "1483254000"})
    void refusesATimeThatIsNotRfc3339(String created) {
        assertThat(refused(AUTHORIZATION, xWsse("k-1", DIGEST, NONCE, created)))
                .isEqualTo("Created is not an RFC 3339 date-time");
    }

    @Test
    void neverShowsTheDigest() {
        Wsse wsse = Wsse.create(AUTHORIZATION, xWsse("k-1", DIGEST, NONCE, CREATED));
        assertThat(wsse.toString()).doesNotContain(DIGEST).contains("k-1").contains(NONCE);

        String badTime = refused(AUTHORIZATION, xWsse("k-1", DIGEST, NONCE, "yesterday"));
        String badUser = refused(AUTHORIZATION, xWsse("k", DIGEST, NONCE, CREATED));
        assertThat(badTime).doesNotContain(DIGEST);
        assertThat(badUser).doesNotContain(DIGEST);
        assertThat(assertThrows(WsseException.class, () -> Wsse.create(Optional.empty(), Optional.empty()))
                .getStackTrace()).isEmpty();
    }

    private static Optional<String> xWsse(String username, String digest, String nonce, String created) {
        return Optional.of("UsernamePwd Username=\"" + username + "\", PasswordDigest=\"" + digest + "\", Nonce=\""
                + nonce + "\", Created=\"" + created + "\"");
    }

    private static String refusedXWsse(String xWsse) {
        return refused(AUTHORIZATION, Optional.of(xWsse));
    }

    private static String refused(Optional<String> authorization, Optional<String> xWsse) {
        return assertThrows(WsseException.class, () -> Wsse.create(authorization, xWsse)).getMessage();
    }
}
