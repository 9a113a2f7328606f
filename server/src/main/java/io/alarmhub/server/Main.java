package io.alarmhub.server;

import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;
import io.alarmhub.server.config.ConfigLoader;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code alarmhub} command: {@code run} (the default) starts a node, {@code token} mints REST tokens,
 * {@code camera} reads or sets a VStarcam camera's push settings, {@code enterprise} makes enterprise secrets,
 * {@code hemu} sets up Hemu camera manufacturers and simulates a Hemu camera.
 */
@Command(name = "alarmhub", mixinStandardHelpOptions = true, version = "alarmhub 0.1.0",
        description = "Alarm and push server for cameras, doorbells and IoT devices.",
        subcommands = {Main.Run.class, Main.Token.class, CameraCommand.class, EnterpriseCommand.class,
                HemuCommand.class})
public final class Main implements Callable<Integer> {

    /** {@code --config}, accepted by every command. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE",
                description = "YAML configuration file; defaults apply to everything it leaves out")
        Optional<Path> file = Optional.empty();

        AlarmhubConfig load() {
            return new ConfigLoader(System.getenv()).load(file);
        }

        /** Loads, and logs where the values came from: for the server, whose log an operator reads. */
        AlarmhubConfig loadAndLog() {
            ConfigLoader loader = new ConfigLoader(System.getenv());
            AlarmhubConfig loaded = loader.load(file);
            LoggerFactory.getLogger(Main.class).info("configuration: {}", loader.origins().describe());
            return loaded;
        }
    }

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("configuration: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof StartupException) {
                        cmd.getErr().println("alarmhub cannot start: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args));
    }

    /** With no subcommand, run the server. */
    @Override
    public Integer call() throws InterruptedException {
        return Run.run(config.loadAndLog());
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Start the server (the default command).")
    static final class Run implements Callable<Integer> {

        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() throws InterruptedException {
            return run(config.loadAndLog());
        }

        static int run(AlarmhubConfig config) throws InterruptedException {
            Node node = Node.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "alarmhub-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Mint a REST token (XTEA over appId:unixSeconds, see the README).")
    static final class Token implements Callable<Integer> {

        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--app", required = true, description = "the app id; must be listed in tokens.apps")
        String app;

        @Option(names = "--at", paramLabel = "SECONDS",
                description = "unix seconds to mint for (default: now); the server takes tokens within "
                        + "tokens.window of its clock, so --at tests an expired or a future token")
        Optional<Long> at = Optional.empty();

        @Override
        public Integer call() {
            Instant when = at.map(Instant::ofEpochSecond).orElseGet(Instant::now);
            System.out.println(mint(config.load(), app, when));
            return 0;
        }

        /**
         * A REST token for {@code app} at {@code when}, with the configuration's token key: what this command
         * prints, and what the commands that call the RestServer themselves ({@code hemu plan}) use.
         *
         * @throws ConfigException when the app is not in {@code tokens.apps}
         */
        static String mint(AlarmhubConfig loaded, String app, Instant when) {
            if (!loaded.tokens().apps().contains(app)) {
                throw new ConfigException("app '" + app + "' is not in tokens.apps " + loaded.tokens().apps());
            }
            AppTokens tokens = new AppTokens(TokenKeys.resolve(loaded), Set.copyOf(loaded.tokens().apps()),
                    loaded.tokens().window());
            return tokens.mint(app, when);
        }
    }
}
