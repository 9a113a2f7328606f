package io.alarmhub.bench.peer;

import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged alarmhub jar run as its own process, as an operator runs it: every listener on a free
 * loopback port (the configuration cannot take port 0, so free ones are picked first), the metrics
 * endpoint on, and the data directory in a temporary directory that {@link #close()} removes.
 */
public final class AlarmhubServer implements AutoCloseable {

    private static final String STARTED = "alarmhub node 0 started";
    /** Every port the configuration takes besides tcp and metrics: the push faces, each vendor's, the stream. */
    private static final List<PortKey> LISTENERS = listeners();

    private final Path dir;
    private final Process process;
    private final int tcpPort;
    private final int metricsPort;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private int[] listenerPorts = new int[0];

    private AlarmhubServer(Path dir, Process process, int tcpPort, int metricsPort) {
        this.dir = dir;
        this.process = process;
        this.tcpPort = tcpPort;
        this.metricsPort = metricsPort;
    }

    /**
     * A port key of a section: {@code name} is what {@link #port(String)} takes, the section itself for its
     * {@code port} key, {@code section.key} for any other.
     */
    private record PortKey(String section, String key) {
        String name() {
            return key.equals("port") ? section : section + "." + key;
        }
    }

    /** Vendors from the server's registry, so that a new vendor gets its ports here without an edit. */
    private static List<PortKey> listeners() {
        List<PortKey> keys = new ArrayList<>();
        for (String face : List.of("rest", "websocket", "socketio", "media")) {
            keys.add(new PortKey(face, "port"));
        }
        for (DeviceAdapter<?> adapter : DeviceAdapterRegistry.STANDARD.adapters()) {
            adapter.portKeys().forEach(key -> keys.add(new PortKey(adapter.vendor(), key)));
        }
        keys.add(new PortKey("stream", "port"));
        return List.copyOf(keys);
    }

    /** Starts {@code jar} and returns once it logs that it has started. */
    public static AlarmhubServer start(Path jar, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(jar, jvmOptions, "", "");
    }

    /**
     * Starts {@code jar} with more configuration: {@code tcpLines} are added to the {@code tcp:} section
     * (each line indented, e.g. {@code "  idle-timeout: 1h\n"}), {@code moreYaml} as top-level sections.
     */
    public static AlarmhubServer start(Path jar, List<String> jvmOptions, String tcpLines, String moreYaml)
            throws IOException, InterruptedException {
        return start(jar, jvmOptions, tcpLines, moreYaml, "");
    }

    /** As above, with {@code streamLines} added to the {@code stream:} section (each line indented). */
    public static AlarmhubServer start(Path jar, List<String> jvmOptions, String tcpLines, String moreYaml,
                                       String streamLines) throws IOException, InterruptedException {
        return start(jar, jvmOptions, Map.of("tcp", tcpLines, "stream", streamLines), moreYaml);
    }

    /**
     * Starts {@code jar} with lines added to sections whose ports the bench sets: {@code sectionLines} maps
     * {@code tcp}, a face ({@code rest}, …), {@code stream} or a vendor ({@code hemu}, …) to lines, each
     * indented, that follow the section's host and ports; {@code moreYaml} holds further top-level sections.
     */
    public static AlarmhubServer start(Path jar, List<String> jvmOptions, Map<String, String> sectionLines,
                                       String moreYaml) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no alarmhub jar at " + jar.toAbsolutePath()
                    + ": build it with mvn -B -q package -DskipTests, or pass --server-jar");
        }
        for (String section : sectionLines.keySet()) {
            if (!section.equals("tcp") && LISTENERS.stream().noneMatch(key -> key.section().equals(section))) {
                throw new IllegalArgumentException("no section " + section + " with ports the bench sets");
            }
        }
        Path dir = Files.createTempDirectory("alarmhub-bench");
        int[] ports = freePorts(LISTENERS.size() + 2);
        StringBuilder yaml = new StringBuilder()
                .append("node:\n  advertised-host: 127.0.0.1\n")
                .append("data:\n  dir: ").append(dir.resolve("data")).append('\n')
                .append("tcp:\n  host: 127.0.0.1\n  port: ").append(ports[0]).append('\n')
                .append(sectionLines.getOrDefault("tcp", ""))
                .append("metrics:\n  host: 127.0.0.1\n  port: ").append(ports[1]).append('\n');
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        for (int i = 0; i < LISTENERS.size(); i++) {
            PortKey listener = LISTENERS.get(i);
            sections.computeIfAbsent(listener.section(), s -> new StringBuilder("  host: 127.0.0.1\n"))
                    .append("  ").append(listener.key()).append(": ").append(ports[i + 2]).append('\n');
        }
        sections.forEach((section, lines) -> yaml.append(section).append(":\n").append(lines)
                .append(sectionLines.getOrDefault(section, "")));
        yaml.append(moreYaml);
        Path config = dir.resolve("alarmhub.yaml");
        Files.writeString(config, yaml);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run", "--config", config.toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        AlarmhubServer server = new AlarmhubServer(dir, process, ports[0], ports[1]);
        server.listenerPorts = java.util.Arrays.copyOfRange(ports, 2, ports.length);
        server.awaitStarted();
        return server;
    }

    private void awaitStarted() throws InterruptedException, IOException {
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> pump(started), "alarmhub-output");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(60, TimeUnit.SECONDS)) {
            close();
            throw new IOException("alarmhub did not start:\n" + String.join("\n", lastLines()));
        }
    }

    /** Keeps the last lines the server printed, for an error message; the rest are not needed. */
    private void pump(CountDownLatch started) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 50) {
                        lastLines.removeFirst();
                    }
                }
                if (line.contains(STARTED)) {
                    started.countDown();
                }
            }
        } catch (IOException closed) {
            // the process went away
        }
    }

    private List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** The Jovision CloudSEE device listener. */
    public int jovisionPort() {
        return port("jovision");
    }

    /** The WebSocketServer (its {@code /ws} path speaks the PushServer protocol). */
    public int websocketPort() {
        return port("websocket");
    }

    /**
     * The port of one of the configured listeners: rest, websocket, socketio, media, stream, or a vendor's
     * (its id for its {@code port} key, {@code vendor.key} for another port key).
     */
    public int port(String listener) {
        int i = LISTENERS.stream().map(PortKey::name).toList().indexOf(listener);
        if (i < 0) {
            throw new IllegalArgumentException("no listener " + listener);
        }
        return listenerPorts[i];
    }

    /** The server's data directory (the generated TLS certificate is in its {@code tls/server.crt}). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    public long pid() {
        return process.pid();
    }

    public int metricsPort() {
        return metricsPort;
    }

    public URI metricsUri() {
        return URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }

    /**
     * Ports that are free now, drawn from below the kernel's ephemeral range (32768 and up): the bench's
     * own thousands of outgoing connections take ephemeral ports, and could take a probed one before the
     * server binds it, but never one of these.
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
