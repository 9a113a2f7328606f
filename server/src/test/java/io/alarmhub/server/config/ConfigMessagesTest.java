package io.alarmhub.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What an operator reads when the file is wrong: the file, the key path in YAML terms, the bad value. */
class ConfigMessagesTest {

    @TempDir
    Path dir;

    private String refusal(String yaml) throws IOException {
        Path file = dir.resolve("alarmhub.yaml");
        Files.writeString(file, yaml);
        ConfigException refused = catchThrowableOfType(() -> new ConfigLoader(Map.of()).load(Optional.of(file)),
                ConfigException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.getMessage().replace(file.toString(), "alarmhub.yaml");
    }

    @Test
    void aMisspeltKeySuggestsTheNearestKnownOne() throws IOException {
        assertThat(refusal("rest:\n  prot: 9900\n")).isEqualTo("alarmhub.yaml: rest.prot: unknown key (did you mean port?)");
        assertThat(refusal("rset:\n  port: 1\n")).isEqualTo("alarmhub.yaml: rset: unknown key (did you mean rest?)");
    }

    @Test
    void anUnknownKeyFarFromAnyListsTheKnownOnes() throws IOException {
        assertThat(refusal("rest:\n  colour: blue\n")).startsWith("alarmhub.yaml: rest.colour: unknown key (known here: host,");
    }

    @Test
    void aValueOfTheWrongKindIsNamedInYamlTerms() throws IOException {
        assertThat(refusal("rest:\n  port: abc\n")).isEqualTo("alarmhub.yaml: rest.port: \"abc\" is not a number");
        assertThat(refusal("rest: [1]\n")).isEqualTo("alarmhub.yaml: rest: should be a mapping of keys, not a list");
        assertThat(refusal("devices:\n  allow-unknown: maybe\n"))
                .isEqualTo("alarmhub.yaml: devices.allow-unknown: \"maybe\" is not true or false");
    }

    @Test
    void aValueOutOfRangeNamesTheFileTooAndNoJavaClass() throws IOException {
        String message = refusal("rest:\n  port: 99000\n");
        assertThat(message).isEqualTo("alarmhub.yaml: rest.port: 99000 is not a port (0-65535)");
        assertThat(message).doesNotContain("java.", "Exception", "`int`");
    }

    @Test
    void brokenYamlSaysWhereInOneLine() throws IOException {
        assertThat(refusal("rest:\n  port: 1\n   x: 2\n"))
                .isEqualTo("alarmhub.yaml line 3, column 5: not YAML: mapping values are not allowed here");
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(dir.resolve("nope.yaml"))))
                .hasMessage("cannot read " + dir.resolve("nope.yaml") + ": no such file");
    }
}
