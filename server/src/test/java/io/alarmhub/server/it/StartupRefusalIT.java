package io.alarmhub.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server that cannot start says why in one line, naming the setting, and touches nothing first. */
class StartupRefusalIT {

    @TempDir
    Path dir;

    /** The lines after the first, which says where the configuration came from (it is loaded first). */
    private static List<String> afterConfiguration(List<String> lines) {
        assertThat(lines).first().asString().contains("Main - configuration: ");
        return lines.subList(1, lines.size());
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedBeforeItOpensAnything() throws Exception {
        try (ServerProcess first = new ServerProcess(dir).start()) {
            ServerProcess second = first.restarted();
            int exit = second.startRefused();

            List<String> lines = afterConfiguration(second.outputLines());
            assertThat(exit).isEqualTo(1);
            assertThat(lines).containsExactly("alarmhub cannot start: data.dir: " + dir.resolve("data")
                    + " is in use by another alarmhub (pid " + first.pid() + "); stop it, or give this server a"
                    + " data.dir of its own");
            assertThat(first.output()).as("the first server is untouched").doesNotContain("stopping");
        }
    }

    @Test
    void aPortTakenByAnotherProgramIsNamedByItsKeyInOneLine() throws Exception {
        ServerProcess server = new ServerProcess(dir);
        try (ServerSocket taken = new ServerSocket(server.rest, 1, InetAddress.getByName("127.0.0.1"))) {
            int exit = server.startRefused();

            List<String> lines = server.outputLines();
            assertThat(exit).isEqualTo(1);
            assertThat(lines).contains("alarmhub cannot start: rest.port: 127.0.0.1:" + server.rest
                    + " is already in use — is another alarmhub running?");
            assertThat(String.join("\n", lines)).as("no stack trace").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void twoListenersOnOnePortAreRefusedByTheConfigurationBeforeAnythingStarts() throws Exception {
        ServerProcess server = new ServerProcess(dir).with("tcp", "port: 9911").with("media", "port: 9911");
        int exit = server.startRefused();

        assertThat(exit).isEqualTo(2);
        assertThat(server.outputLines()).containsExactly("configuration: " + dir.resolve("alarmhub.yaml")
                + ": media.port: 9911 is tcp.port too; two listeners cannot share a port");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was opened").isFalse();
    }

    @Test
    void aKnownDeviceOfAnUnknownVendorIsRefusedBeforeTheStoreOrKeysAreMade() throws Exception {
        ServerProcess server = new ServerProcess(dir).with("devices", "known: [{vendor: acme, id: X1}]");
        int exit = server.startRefused();

        assertThat(exit).isEqualTo(2);
        assertThat(afterConfiguration(server.outputLines())).hasSize(1).first().asString()
                .startsWith("configuration: ").contains("acme");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was opened").isFalse();
    }

    @Test
    void aHemuSecretOthersMayReadIsRefusedBeforeTheStoreOrKeysAreMade() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("data").resolve("hemu")).resolve("acme.secret");
        Files.writeString(secret, "Qm4cX9tV2bL7pR1sK8dZ");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        ServerProcess server = new ServerProcess(dir).with("hemu", "manufacturers: [{name: Acme, access-key: acme,"
                + " secret-file: hemu/acme.secret}]");
        int exit = server.startRefused();

        assertThat(exit).isEqualTo(2);
        assertThat(afterConfiguration(server.outputLines())).containsExactly("configuration: hemu.manufacturers[0]"
                + ".secret-file: " + secret + " is readable by others than its owner; chmod 600 it");
        assertThat(Files.list(dir.resolve("data")).map(p -> p.getFileName().toString()))
                .as("nothing but the secret's folder: no lock, store or keys").containsExactly("hemu");
    }
}
