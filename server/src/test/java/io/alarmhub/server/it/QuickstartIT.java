package io.alarmhub.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quickstart, run as a reader runs it: the server started with the set-up section's run
 * command, then every marked block of the quickstart in one bash session (see {@link DocSession}).
 */
class QuickstartIT {

    static final Path README = Path.of("../README.md");

    @TempDir
    Path dir;

    @Test
    void theQuickstartWorksAsWritten() throws Exception {
        List<DocSession.Block> blocks = DocSession.blocks(README, "## Quickstart");
        assertThat(blocks).extracting(DocSession.Block::kind).contains("run", "output", "server");
        try (DocSession session = new DocSession(dir)) {
            session.startServer(runCommand());
            session.run(blocks);
        }
    }

    /** The server half of the set-up section's first command: {@code mvn … && java -jar …}. */
    private static String runCommand() throws Exception {
        String readme = Files.readString(README);
        String setUp = readme.substring(readme.indexOf("## Set-up on a fresh machine"), readme.indexOf("## Quickstart"));
        String build = setUp.lines().filter(line -> line.startsWith("mvn ") && line.contains(" && "))
                .findFirst().orElseThrow(() -> new AssertionError("no build-and-run command in the set-up section"));
        return build.substring(build.indexOf(" && ") + 4).strip();
    }
}
