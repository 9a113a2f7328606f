package io.alarmhub.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: help on every command, whole lines. */
class MainTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void tokenHelpExitsZeroAndShowsAt() {
        assertThat(run("token", "--help")).isZero();
        assertThat(out.toString()).contains("--app=<app>", "--at=SECONDS", "tokens.window");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "token", "camera", "enterprise", "hemu"}) {
            assertThat(run(command, "--help")).as(command).isZero();
        }
    }

    @Test
    void hemuHelpListsItsCommands() {
        assertThat(run("hemu", "--help")).isZero();
        assertThat(out.toString()).contains("manufacturer", "model", "camera");
        for (String command : new String[] {"manufacturer", "model", "camera"}) {
            assertThat(run("hemu", command, "--help")).as(command).isZero();
        }
        assertThat(out.toString()).contains("ALARMHUB_HEMU_SECRET", "--wired");
    }

    @Test
    void noHelpLineBreaksAnAddressInTwo() {
        run("camera", "--help");
        assertThat(out.toString()).contains("http://192.168.1.20:81");
    }
}
