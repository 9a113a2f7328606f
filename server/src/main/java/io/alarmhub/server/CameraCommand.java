package io.alarmhub.server;

import io.alarmhub.gateway.device.vstarcam.VStarcamSettings;
import io.alarmhub.gateway.device.vstarcam.cgi.CameraCgi;
import io.alarmhub.gateway.device.vstarcam.cgi.CameraCgiException;
import io.alarmhub.gateway.device.vstarcam.cgi.PushConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alarmhub camera}: reads a VStarcam camera's alarm push settings ({@code get}, the default), or
 * points the camera at this server ({@code set}), through the camera's CGI. The password comes from
 * {@code --password} or the environment variable {@code ALARMHUB_CAMERA_PASSWORD}, and is never printed.
 */
@Command(name = "camera", mixinStandardHelpOptions = true,
        description = {"Read a VStarcam camera's alarm push settings (get, the default),",
                "or point the camera at this server (set)."},
        subcommands = {CameraCommand.Get.class, CameraCommand.Set.class})
final class CameraCommand implements Callable<Integer> {

    static final String PASSWORD_ENV = "ALARMHUB_CAMERA_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "the camera's URL, e.g. http://192.168.1.20:81")
    URI url;

    @Option(names = "--user", defaultValue = "admin", paramLabel = "USER",
            description = "the camera's login (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "the camera's password (default: the environment variable " + PASSWORD_ENV + ")")
    Optional<String> password = Optional.empty();

    private final Map<String, String> env;

    CameraCommand() {
        this(System.getenv());
    }

    CameraCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return new Get().run(this);
    }

    private CameraCgi cgi() {
        String secret = password.or(() -> Optional.ofNullable(env.get(PASSWORD_ENV))).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "no password: give --password or set " + PASSWORD_ENV));
        try {
            return new CameraCgi(url, user, secret);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int fail(CameraCgiException e) {
        spec.commandLine().getErr().println("camera: " + e.getMessage());
        return 1;
    }

    private void print(PushConfig config) {
        spec.commandLine().getOut().print(config.describe());
        spec.commandLine().getOut().flush();
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the camera's push settings.")
    static final class Get implements Callable<Integer> {

        @ParentCommand
        CameraCommand camera;

        @Override
        public Integer call() {
            return run(camera);
        }

        int run(CameraCommand parent) {
            try {
                parent.print(parent.cgi().get());
                return 0;
            } catch (CameraCgiException e) {
                return parent.fail(e);
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Point the camera at this server: heartbeatServer to <server>/vstarcam/heartbeat,",
                    "alarmPushMainServer and alarmPushSubServer to <server>/vstarcam/alarm;",
                    "then read the settings back and print them."})
    static final class Set implements Callable<Integer> {

        @ParentCommand
        CameraCommand camera;

        @Spec
        CommandSpec spec;

        @Option(names = "--server", required = true, paramLabel = "URL",
                description = "this server as the camera reaches it, e.g. http://192.168.1.10:9920")
        URI server;

        @Option(names = "--heartbeat-time", defaultValue = "60", paramLabel = "SECONDS",
                description = "seconds between heartbeats (default: ${DEFAULT-VALUE})")
        int heartbeatTime;

        @Override
        public Integer call() {
            VStarcamSettings settings = VStarcamSettings.DEFAULT;
            PushConfig wanted;
            try {
                wanted = PushConfig.pointingAt(server, heartbeatTime, settings);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            long timeout = settings.heartbeatTimeout().toSeconds();
            if (heartbeatTime * 2L > timeout) {
                spec.commandLine().getErr().println("note: a camera silent for " + timeout + " s counts as offline "
                        + "(vstarcam heartbeatTimeout); with heartbeats every " + heartbeatTime
                        + " s, raise it to at least " + 3L * heartbeatTime + " s");
            }
            try {
                CameraCgi cgi = camera.cgi();
                cgi.set(wanted);
                PushConfig now = cgi.get();
                camera.print(now);
                if (!now.equals(wanted)) {
                    spec.commandLine().getErr().println("camera: it accepted the settings but reports others;"
                            + " it may need a restart, or not support them");
                    return 1;
                }
                return 0;
            } catch (CameraCgiException e) {
                return camera.fail(e);
            }
        }
    }
}
