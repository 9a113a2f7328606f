package io.alarmhub.server;

import io.alarmhub.core.stream.SecretHash;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alarmhub enterprise new} and {@code hash-secret}, run as picocli runs them. */
class EnterpriseCommandTest {

    private static final Pattern SECRET = Pattern.compile("(?m)^  ([A-Za-z0-9_-]{43})$");
    private static final Pattern HASH = Pattern.compile("(?m)^    secret-hash: '([^']+)'$");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void newPrintsASecretOnceAndTheConfigurationEntryWithItsHash() {
        int status = run(new Main(), "enterprise", "new", "--id", "acme", "--vendor", "vstarcam",
                "--device", "jovision/S35084741", "--device", "JOVISION/S1", "--retention", "12h");

        assertThat(status).as(err.toString()).isZero();
        String text = out.toString();
        Matcher secret = SECRET.matcher(text);
        Matcher hash = HASH.matcher(text);
        assertThat(secret.find()).as(text).isTrue();
        assertThat(hash.find()).as(text).isTrue();
        assertThat(SecretHash.parse(hash.group(1)).matches(secret.group(1))).isTrue();
        assertThat(SecretHash.parse(hash.group(1)).matches(secret.group(1) + "x")).isFalse();
        assertThat(text.split(Pattern.quote(secret.group(1)), -1)).as("the secret is printed once").hasSize(2);
        assertThat(text).contains("enterprises:\n"
                + "  - id: 'acme'\n"
                + "    secret-hash: '" + hash.group(1) + "'\n"
                + "    vendors: ['vstarcam']\n"
                + "    devices: ['jovision/S35084741', 'jovision/S1']\n"
                + "    retention: 12h\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void newMakesADifferentSecretEachTimeAndDefaultsTheRetention() {
        run(new Main(), "enterprise", "new", "--id", "a.b_c-1");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run(new Main(), "enterprise", "new", "--id", "a.b_c-1");

        Matcher a = SECRET.matcher(first);
        Matcher b = SECRET.matcher(out.toString());
        assertThat(a.find() && b.find()).isTrue();
        assertThat(a.group(1)).isNotEqualTo(b.group(1));
        assertThat(first).contains("    vendors: []\n    devices: []\n    retention: 7d\n");
        assertThat(err.toString()).contains("receives no events");
    }

    @Test
    void newRejectsBadInputWithTheUsageExitCode() {
        assertThat(run(new Main(), "enterprise", "new", "--id", "")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme corp")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "x".repeat(65))).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme", "--device", "S35084741")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme", "--device", "hikvision/1")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme", "--device", "jovision/")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme", "--vendor", "dahua")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new", "--id", "acme", "--retention", "soon")).isEqualTo(2);
        assertThat(run(new Main(), "enterprise", "new")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("--id must be", "--device must read VENDOR/ID", "unknown vendor 'hikvision'",
                "unknown vendor 'dahua'", "--retention must be");
    }

    @Test
    void hashSecretReadsStandardInputAndNeverEchoesIt() {
        String secret = "c7c9e01549004b96a8612a0ed6";

        int status = run(new EnterpriseCommand(Map.of(), stdin(secret + "\n")), "hash-secret");

        assertThat(status).isZero();
        String printed = out.toString().trim();
        assertThat(printed).doesNotContain(secret).startsWith("pbkdf2-sha256$");
        assertThat(SecretHash.parse(printed).matches(secret)).isTrue();
    }

    @Test
    void hashSecretPrefersTheEnvironment() {
        int status = run(new EnterpriseCommand(Map.of(EnterpriseCommand.SECRET_ENV, "from-env"), stdin("from-stdin\n")),
                "hash-secret");

        assertThat(status).isZero();
        assertThat(SecretHash.parse(out.toString().trim()).matches("from-env")).isTrue();
    }

    @Test
    void hashSecretWithoutASecretIsAUsageError() {
        assertThat(run(new EnterpriseCommand(Map.of(), stdin("")), "hash-secret")).isEqualTo(2);
        assertThat(run(new EnterpriseCommand(Map.of(), stdin("   \n")), "hash-secret")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no secret");
    }

    private int run(Object command, String... args) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
