package io.alarmhub.server.it;

import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar run as its own process, as an operator runs it, on free loopback ports,
 * with a data directory of the test's. {@link #kill()} is a SIGKILL: no shutdown hook runs.
 */
final class ServerProcess implements AutoCloseable {

    static final String TOKEN_KEY = "000102030405060708090a0b0c0d0e0f";
    private static final String STARTED = "alarmhub node 0 started";

    final Path dir;
    final int rest;
    final int tcp;
    final int webSocket;
    final int socketIo;
    final int metrics;
    final int media;
    final int stream;
    /** Every vendor's port keys from the server's registry, as {@code vendor.key}, with the port given it. */
    final Map<String, Integer> devicePorts = new LinkedHashMap<>();
    final int jovision;
    final int vstarcam;
    private final int[] ports;
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private Process process;
    private Thread reader;
    private final List<String> output = new ArrayList<>();

    /** A server on free loopback ports, with a data directory under {@code dir}. */
    ServerProcess(Path dir) {
        this(dir, freePorts(7 + devicePortKeys().size()));
    }

    private ServerProcess(Path dir, int[] ports) {
        this.dir = dir;
        this.ports = ports.clone();
        rest = ports[0];
        tcp = ports[1];
        webSocket = ports[2];
        socketIo = ports[3];
        metrics = ports[4];
        media = ports[5];
        stream = ports[6];
        List<String> deviceKeys = devicePortKeys();
        for (int i = 0; i < deviceKeys.size(); i++) {
            devicePorts.put(deviceKeys.get(i), ports[7 + i]);
        }
        jovision = devicePorts.get("jovision.port");
        vstarcam = devicePorts.get("vstarcam.port");
        with("node", "advertised-host: 127.0.0.1");
        with("data", "dir: " + dir.resolve("data"));
        with("tokens", "key: " + TOKEN_KEY, "apps: [it]");
        listen("rest", rest);
        listen("tcp", tcp);
        listen("websocket", webSocket);
        listen("socketio", socketIo);
        with("metrics", "port: " + metrics);
        listen("media", media);
        devicePorts.forEach((vendorKey, port) -> {
            String[] parts = vendorKey.split("\\.", 2);
            if (!sections.containsKey(parts[0])) {
                with(parts[0], "host: 127.0.0.1");
            }
            with(parts[0], parts[1] + ": " + port);
        });
        with("jovision", "media-url-template: ftp://ftp.example.test/{dguid}/{ats}.{ext}");
        listen("stream", stream);
    }

    /**
     * A new process for the same data directory, ports and configuration: this server restarted, so
     * that clients reconnect where they were connected before.
     */
    ServerProcess restarted() {
        ServerProcess next = new ServerProcess(dir, ports);
        next.sections.clear();
        sections.forEach((section, lines) -> next.sections.put(section, new ArrayList<>(lines)));
        return next;
    }

    /** The vendors' port keys, {@code vendor.key}, in the registry's order. */
    private static List<String> devicePortKeys() {
        return DeviceAdapterRegistry.STANDARD.adapters().stream()
                .flatMap(a -> a.portKeys().stream().map(key -> a.vendor() + "." + key)).toList();
    }

    /** Adds YAML lines (one key each, at section level) to a top-level section of the configuration. */
    ServerProcess with(String section, String... lines) {
        sections.computeIfAbsent(section, s -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    /** Replaces {@code tokens.apps} ({@code [it]}): for apps with other rights, such as Hemu operators' apps. */
    ServerProcess apps(String... apps) {
        List<String> tokens = sections.get("tokens");
        tokens.removeIf(line -> line.startsWith("apps:"));
        tokens.add("apps: [" + String.join(", ", apps) + "]");
        return this;
    }

    private void listen(String section, int port) {
        with(section, "host: 127.0.0.1", "port: " + port);
    }

    private void writeConfig() {
        StringBuilder yaml = new StringBuilder();
        sections.forEach((section, lines) -> {
            yaml.append(section).append(":\n");
            lines.forEach(line -> yaml.append("  ").append(line).append('\n'));
        });
        try {
            Files.writeString(dir.resolve("alarmhub.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar and waits until it says it has started. */
    ServerProcess start() throws IOException, InterruptedException {
        CountDownLatch started = launch();
        // Poll, so that a server that exits at start (a port taken, a bad config) fails the test at once.
        for (int waited = 0; !started.await(100, TimeUnit.MILLISECONDS); waited += 100) {
            if (!process.isAlive() || waited >= 60_000) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start:\n" + output());
            }
        }
        return this;
    }

    /** Starts the jar expecting it to refuse to start: its exit code, once it has exited. */
    int startRefused() throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server started, or hung, instead of refusing:\n" + output());
        }
        return process.exitValue();
    }

    private CountDownLatch launch() throws IOException {
        writeConfig();
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(java.toString(), "-jar", jar.toAbsolutePath().toString(),
                "run", "--config", dir.resolve("alarmhub.yaml").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        reader = new Thread(() -> pump(started), "server-output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    long pid() {
        return process.pid();
    }

    /** What the process printed, once it has exited and its output is read to the end. */
    List<String> outputLines() throws InterruptedException {
        process.waitFor();
        reader.join(); // it ends at the end of the process's output
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private void pump(CountDownLatch started) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains(STARTED)) {
                    started.countDown();
                }
            }
        } catch (IOException closed) {
            // the process went away; what it printed is kept
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /**
     * Ports that are free now, drawn from below the kernel's ephemeral range (32768 and up): an outgoing
     * connection of any test can take an ephemeral port between this probe and the server's bind, but
     * never one of these.
     */
    static int[] freePorts(int n) {
        Set<Integer> ports = new LinkedHashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempts = 0; ports.size() < n; attempts++) {
            if (attempts > 10_000) {
                throw new IllegalStateException("no free ports below the ephemeral range");
            }
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports.add(port);
            } catch (IOException taken) {
                // in use: draw another
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }
}
