package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A Jovision CloudSEE device that raises alarms without pause over its own TCP connection, in all three
 * schemes in turn (2219, 2221 FTP {@code amt:0}, 2223 cloud {@code amt:0}), each with a new {@code mid}
 * and {@code ats}. It keeps a few alarms unanswered at once, as a busy device's buffer does, so a kill
 * catches some in flight; after a kill it reconnects and goes on with the next {@code mid}.
 */
final class JovisionDeviceSimulator implements Runnable {

    /** Alarms written and not yet answered, at most. */
    private static final int WINDOW = 8;
    private static final int[] SCHEMES = {2219, 2221, 2223};

    private final String dguid;
    private final ServerUp server;
    private final int port;
    private final long pauseMillis;
    private final AlarmTally tally;
    private volatile boolean stopping;
    private int mid;

    JovisionDeviceSimulator(String dguid, ServerUp server, int port, long pauseMillis, AlarmTally tally) {
        this.dguid = dguid;
        this.server = server;
        this.port = port;
        this.pauseMillis = pauseMillis;
        this.tally = tally;
    }

    /** Sends no more alarms; the answers to those in flight are still read. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping && server.await()) {
                Set<Integer> inFlight = new HashSet<>();
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(10_000);
                    talk(socket, inFlight);
                    return;
                } catch (IOException serverGone) {
                    inFlight.forEach(m -> tally.unanswered.add(key(m)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until stopped, then reads what is still to be answered; throws when the connection dies. */
    private void talk(Socket socket, Set<Integer> inFlight) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        while (!stopping || !inFlight.isEmpty()) {
            if (!stopping && inFlight.size() < WINDOW) {
                int next = ++mid;
                // In flight before the write: a write cut short by the kill may still have reached the server.
                inFlight.add(next);
                tally.sent.add(key(next));
                out.write(alarm(next).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(pauseMillis); // paced sending: a device's real alarm rate
            }
            // Reads when an answer is waiting, or when nothing more may be sent until one comes.
            while (!inFlight.isEmpty() && (in.ready() || inFlight.size() >= WINDOW || stopping)) {
                answer(in, inFlight);
            }
        }
    }

    private void answer(BufferedReader in, Set<Integer> inFlight) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        JsonNode reply = JsonLines.parse(line);
        int answered = reply.get("mid").asInt();
        if (!inFlight.remove(answered)) {
            throw new AssertionError(dguid + " got an answer to an alarm it did not send: " + line);
        }
        (reply.get("rt").asInt() == 0 ? tally.acknowledged : tally.refused).add(key(answered));
    }

    private String alarm(int m) {
        int mt = SCHEMES[m % SCHEMES.length];
        // ats is unique per alarm of this device, so that every FTP and cloud alarm has its own ref.
        long ats = 1_700_000_000L + m;
        String scheme = mt == 2219 ? ",\"apic\":\"" + ats + ".jpg\"" : ",\"amt\":0";
        return "{\"mt\":" + mt + ",\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + m + ",\"dguid\":\"" + dguid + "\",\"ats\":" + ats
                + ",\"dcn\":1,\"atype\":7" + scheme + "}\r\n";
    }

    private String key(int m) {
        return AlarmTally.key("jovision", dguid, Integer.toString(m));
    }
}
