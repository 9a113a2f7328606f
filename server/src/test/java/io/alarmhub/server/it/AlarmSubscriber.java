package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The devices' owner as an app on PushServer: connects with {@code t:14}, acknowledges every push with
 * {@code t:-5}, reconnects after each restart, and counts how often each alarm reached it.
 */
final class AlarmSubscriber implements Runnable {

    private final String alias;
    private final ServerUp server;
    private final int port;
    /** Alarm key ({@link AlarmTally#key}) → times delivered, by push or by pull. */
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    /** Sizes of pull answers, for {@link #drain()}. */
    private final BlockingQueue<Integer> pulled = new LinkedBlockingQueue<>();
    private volatile OutputStream out;
    /** Notified when {@link #out} is set: the subscriber is connected and has named its alias. */
    private final Object connected = new Object();
    private volatile boolean stopping;
    /** Why this subscriber stopped early, for the pull that then gets no answer. */
    private volatile Throwable failure;

    AlarmSubscriber(String alias, ServerUp server, int port) {
        this.alias = alias;
        this.server = server;
        this.port = port;
    }

    @Override
    public void run() {
        try {
            while (!stopping && server.await()) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream stream = socket.getOutputStream();
                    stream.write(("{\"t\":14,\"alias\":\"" + alias + "\"}\n").getBytes(StandardCharsets.UTF_8));
                    stream.flush();
                    synchronized (connected) {
                        out = stream; // only now may a pull follow: it needs the alias named
                        connected.notifyAll();
                    }
                    for (String line; (line = in.readLine()) != null; ) {
                        receive(JsonLines.parse(line));
                    }
                } catch (IOException serverGone) {
                    // reconnect once the server is back; what was not acknowledged is pushed again
                }
                out = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            failure = e;
            throw e;
        }
    }

    private void receive(JsonNode line) throws IOException {
        switch (line.get("t").asInt()) {
            case 5 -> {
                record(line.get("msg"));
                acknowledge(line.get("mid").asText());
            }
            case -4 -> {
                for (int i = 0; i < line.get("msg").size(); i++) {
                    record(line.get("msg").get(i));
                    acknowledge(line.get("mid").get(i).asText());
                }
                pulled.add(line.get("msg").size());
            }
            case -14 -> {
                // connected; the pending pushes follow
            }
            default -> throw new AssertionError("unexpected line for " + alias + ": " + line);
        }
    }

    private void record(JsonNode event) {
        if (!"alarm".equals(event.path("event").asText())) {
            return; // online and offline events of the devices are not what this suite counts
        }
        delivered.computeIfAbsent(keyOf(event.get("vendor").asText(), event.get("device").asText(), event.get("raw")),
                k -> new AtomicInteger()).incrementAndGet();
    }

    /** The key of an alarm from its {@code raw}, as the device simulators name it. */
    static String keyOf(String vendor, String device, JsonNode raw) {
        String id = "jovision".equals(vendor) ? raw.get("mid").asText() : raw.get("picture").get("file").asText();
        return AlarmTally.key(vendor, device, id);
    }

    private void acknowledge(String mid) throws IOException {
        send("{\"t\":-5,\"mid\":\"" + mid + "\"}");
    }

    private synchronized void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Pulls until nothing is pending: acks go out before each pull, and the server applies a pull after
     * the acks before it, so an empty answer means every pending alarm was delivered and acknowledged.
     * Call with no server kill under way.
     */
    void drain() throws IOException, InterruptedException {
        for (int num = 1; ; num++) {
            awaitConnected();
            send("{\"t\":4,\"num\":" + num + "}");
            Integer size = pulled.poll(30, TimeUnit.SECONDS);
            if (size == null) {
                throw new AssertionError(alias + " got no answer to a pull", failure);
            }
            if (size == 0) {
                return;
            }
        }
    }

    private void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (connected) {
            while (out == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(alias + " not connected within 60 s", failure);
                }
                connected.wait(left);
            }
        }
    }

    void stop() {
        stopping = true;
    }
}
