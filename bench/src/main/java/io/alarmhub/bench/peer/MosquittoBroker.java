package io.alarmhub.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mosquitto broker the bench runs itself, as a child process ({@code mosquitto -c <generated conf>}, not
 * daemonised, so its pid is the process's own), on a free loopback port, with persistence on and the most
 * eager saving Mosquitto offers ({@link #SAVING}), its database and log in a temporary directory that
 * {@link #close()} removes after stopping it.
 *
 * <p>{@code autosave_on_changes true} with {@code autosave_interval 1} makes Mosquitto save its whole
 * in-memory database whenever one change (a queued message, a subscription) has happened since the last
 * save, checked once per pass of its event loop. Each save writes {@code mosquitto.db.new}, fsyncs it and
 * renames it over {@code mosquitto.db} (Mosquitto 2.0; traced: 1,973 fsyncs in a run of 2,000 one-to-one
 * messages). That is as durable as Mosquitto gets, and still not alarmhub's: it has no per-message log, each
 * save rewrites everything, and a PUBACK is not held until the save that holds its message.
 */
public final class MosquittoBroker implements AutoCloseable {

    /** The persistence settings, as the report states them. */
    public static final String SAVING = "persistence on, autosave_on_changes true, autosave_interval 1 (the whole"
            + " database saved after any change, checked once per pass of its event loop)";

    private final Path dir;
    private final Process process;
    private final int port;

    private MosquittoBroker(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code mosquitto} (from the {@code PATH}) and returns once it accepts connections. */
    public static MosquittoBroker start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("alarmhub-bench-mosquitto");
        int port = AlarmhubServer.freePorts(1)[0];
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, config(port, dir, System.getProperty("user.name")));
        Process process;
        try {
            process = new ProcessBuilder(List.of("mosquitto", "-c", conf.toString())).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            remove(dir);
            throw new IOException("cannot run mosquitto (is it on the PATH?): " + e.getMessage(), e);
        }
        MosquittoBroker broker = new MosquittoBroker(dir, process, port);
        broker.awaitListening();
        return broker;
    }

    /**
     * The configuration: one loopback listener, anonymous clients, persistence with the eagerest saving, no
     * cap on a client's queue (so a saturating run is not cut by Mosquitto's default of 1000 queued messages),
     * and the current user, so that Mosquitto started as root does not switch to a user who cannot write
     * {@code dir}.
     */
    static String config(int port, Path dir, String user) {
        return "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "user " + user + "\n"
                + "persistence true\n"
                + "persistence_location " + dir + "/\n"
                + "autosave_on_changes true\n"
                + "autosave_interval 1\n"
                + "max_queued_messages 0\n"
                + "log_dest stderr\n"
                + "log_type error\n"
                + "log_type warning\n";
    }

    /** Tries to connect every 50 ms for 10 s; fails with the broker's log if it exited or never listened. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        String log = log();
        close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + ": " + log);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log")).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker (SIGTERM: it saves once more and exits) and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        remove(dir);
    }

    private static void remove(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }
}
