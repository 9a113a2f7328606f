package io.alarmhub.bench;

import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.peer.Lines;
import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Payload;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ProcessSampler;
import io.alarmhub.bench.stats.ServerStats;
import io.alarmhub.core.stream.SecretHash;
import io.netty.channel.Channel;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONException;
import org.json.JSONObject;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The device-alarm scenario (alarmhub only): {@code devices} simulated Jovision CloudSEE devices send
 * 2219 alarms at a fixed total rate; each device's owner, an app on PushServer ({@code t:14} as
 * {@code app-<k>}), reads the pushed alarm event and acks it ({@code t:-5}). Each alarm carries
 * {@code "sent"} (its intended send time, {@link System#nanoTime()}) and {@code "seq"}; the server keeps
 * the device's message as the event's {@code raw}, so the app computes the latency from what it reads.
 *
 * <p>The pacer sends every alarm whose intended time has come and then sleeps until the next one; the
 * latency counts from the intended time, not from when the pacer got round to it, so a stalled sender
 * or a server that pushes back shows as latency (no coordinated omission).
 *
 * <p>A device request the server refuses (answered other than {@code rt:0}; it answers {@code rt:-1} when it
 * sheds load) is counted and not waited for: the run ends once every alarm sent has been delivered or
 * refused. The server's process and the bench's own JVM are sampled over the run. {@link DeviceAlarmReport}
 * writes the report's section, {@link DeviceAlarmSweep} runs the rates the command line asks for.
 */
final class DeviceAlarmRun {

    /**
     * @param sent          alarms the devices sent (all of them, unless the time ran out first)
     * @param sentPerSecond alarms written per second, first to last intended send time actually reached
     * @param refused       device requests answered with anything but {@code rt:0} (the server answers
     *                      {@code rt:-1} when it sheds load): counted, never delivered, not in the latency
     */
    record Result(Measurement measurement, int devices, int rate, int sent, double sentPerSecond, long refused,
                  String scheme, String app, String vendor) {

        /** How long the alarms were paced over, as asked: alarms over the rate. */
        double seconds() {
            return (double) measurement.expected() / rate;
        }

        /** Every alarm the server took (sent, not refused) reached its app. */
        boolean allAccepted() {
            return measurement.delivered() >= sent - refused && sent == measurement.expected();
        }
    }

    /**
     * The vendors this scenario has device simulators for: Jovision over TCP, VStarcam cameras over HTTP
     * (multipart alarms with a picture). Not a list of the server's vendors (that is DeviceAdapterRegistry):
     * a simulator speaks its vendor's protocol, so a new vendor is here once someone writes one for it.
     */
    static final List<String> SIMULATED = List.of("jovision", "vstarcam");

    /** Jovision schemes: 2219 alarm, 2221 FTP and 2223 cloud ({@code amt:0}), or all three in turn. */
    static final List<String> SCHEMES = List.of("2219", "2221", "2223", "mixed");
    /** How the owner apps receive: PushServer TCP lines, {@code /ws} WebSocket text frames. */
    static final List<String> APPS = List.of("tcp", "ws", "socketio", "stream");

    /** The enterprise the stream app logs in as, and its secret (a bench secret, on loopback only). */
    static final String ENTERPRISE = "bench";
    static final String ENTERPRISE_SECRET = "bench-secret-not-for-production";
    /** The {@code stream:} lines: alarms are cleared long after any run, so each run sees raises only. */
    static final String STREAM_CONFIG = "  alarm-clear-after: 24h\n";

    /** Each 2221/2223 alarm's {@code ats}, unique within the bench's JVM so each alarm's {@code ref} is its own. */
    private static final AtomicLong ATS = new AtomicLong(System.currentTimeMillis() / 1000);

    private DeviceAlarmRun() {
    }

    /** A sentence for the verdict when the load average at the start shows other work on the machine. */
    static String sharedMachine(String loadAverage, int cores) {
        try {
            double load = Double.parseDouble(loadAverage.split(" ")[0]);
            return load >= 0.5 ? " The machine was not idle: the load average was " + loadAverage.split(" ")[0]
                    + " on " + cores + " cores at the start, and the bench's own devices and apps share those cores"
                    + " with the server, so the figures are noisy." : " The bench's own devices and apps share the"
                    + " machine's cores with the server.";
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String deviceId(int k) {
        return String.format(Locale.ROOT, "BENCH%06d", k);
    }

    static String owner(int k) {
        return "app-" + k;
    }

    /** The server configuration the scenario needs: its devices, known, each with its own owner. */
    static String config(int devices) {
        return config(devices, "jovision", false);
    }

    static String config(int devices, String vendor) {
        return config(devices, vendor, false);
    }

    /**
     * @param enterprise whether the vendor's devices also belong to the enterprise the stream app logs in as:
     *                   only for {@code --app stream}. An enterprise that no back end reads would make every
     *                   alarm also store two stream events (the raise and its clear) that pile up unread, work
     *                   the owner-app path does not do in a deployment without enterprises.
     */
    static String config(int devices, String vendor, boolean enterprise) {
        StringBuilder yaml = new StringBuilder();
        if (enterprise) {
            yaml.append("enterprises:\n  - {id: " + ENTERPRISE + ", secret-hash: '"
                    + SecretHash.of(ENTERPRISE_SECRET).encoded() + "', vendors: [" + vendor + "]}\n");
        }
        yaml.append("devices:\n  allow-unknown: false\n  known:\n");
        for (int k = 0; k < devices; k++) {
            yaml.append("    - {vendor: ").append(vendor).append(", id: ").append(deviceId(k)).append(", name: bench")
                    .append(k).append(", owners: [").append(owner(k)).append("]}\n");
        }
        return yaml.toString();
    }

    static Result run(AlarmhubServer server, int devices, int alarms, int rate, Duration timeout) throws Exception {
        return run(server, devices, alarms, rate, timeout, "2219", "tcp");
    }

    /** The Jovision request of alarm {@code n}: its scheme's alarm, carrying {@code sent} and {@code seq}. */
    static String alarmLine(String scheme, int n, String dguid, long intended) {
        String mt = scheme.equals("mixed") ? List.of("2219", "2221", "2223").get(n % 3) : scheme;
        return alarmLine(mt, n, dguid, intended, ATS.incrementAndGet());
    }

    private static String alarmLine(String mt, int n, String dguid, long intended, long ats) {
        String common = ",\"lpt\":9,\"pv\":\"1.0\",\"mid\":" + n + ",\"dguid\":\"" + dguid + "\",\"atype\":7,\"dcn\":1";
        String tail = ",\"sent\":" + intended + ",\"seq\":" + n + "}\n";
        return "{\"mt\":" + mt + common + (mt.equals("2219") ? "" : ",\"amt\":0") + ",\"ats\":" + ats + tail;
    }

    static Result run(AlarmhubServer server, int devices, int alarms, int rate, Duration timeout, String scheme,
                      String app) throws Exception {
        return run(server, devices, alarms, rate, timeout, "jovision", scheme, app, 0);
    }

    /**
     * @param scheme       Jovision only: 2219, 2221, 2223 or mixed
     * @param pictureBytes VStarcam only: the size of each alarm's generated picture
     */
    static Result run(AlarmhubServer server, int devices, int alarms, int rate, Duration timeout, String vendor,
                      String scheme, String app, int pictureBytes) throws Exception {
        if (!SCHEMES.contains(scheme) || !APPS.contains(app) || !SIMULATED.contains(vendor)) {
            throw new IllegalArgumentException("vendor among " + SIMULATED + ", scheme among " + SCHEMES
                    + ", app among " + APPS);
        }
        boolean vstarcam = vendor.equals("vstarcam");
        if (vstarcam && app.equals("stream")) {
            // a VStarcam alarm carries no time of its own to match its raise on the stream by
            throw new IllegalArgumentException("--app stream is for Jovision devices only");
        }
        VStarcamCameras cameras = vstarcam ? new VStarcamCameras(server.port("vstarcam"), pictureBytes) : null;
        Scenario scenario = new Scenario("device-alarm", false, devices, alarms, 256, 1);
        LatencyRecorder recorder = new LatencyRecorder(scenario, seq -> { });
        AtomicLong errors = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        EventLoopGroup group = new NioEventLoopGroup(2);
        List<Channel> channels = new ArrayList<>();
        List<WsApp> sockets = new ArrayList<>();
        List<Socket> ioSockets = new ArrayList<>();
        boolean stream = app.equals("stream");
        StreamApp streamApp = stream ? new StreamApp(recorder, errors) : null;
        HttpClient http = app.equals("ws") ? HttpClient.newHttpClient() : null;
        Channel[] devs = new Channel[devices];
        try {
            CountDownLatch ready = new CountDownLatch(stream ? 1 : devices);
            if (stream) {
                streamApp.open(server, ready);
            }
            for (int k = 0; k < devices && !stream; k++) {
                String login = "{\"t\":14,\"alias\":\"" + owner(k) + "\"}";
                if (app.equals("socketio")) {
                    ioSockets.add(socketIoApp(server.port("socketio"), owner(k), recorder, ready));
                } else if (app.equals("ws")) {
                    WsApp ws = new WsApp(recorder, ready, errors);
                    ws.open(http, URI.create("ws://127.0.0.1:" + server.websocketPort() + "/ws"));
                    sockets.add(ws);
                    ws.send(login);
                } else {
                    Channel ch = Lines.connect(group, "127.0.0.1", server.tcpPort(),
                            (c, line) -> onAppLine(text -> c.writeAndFlush(text + "\n"), line, recorder, ready, errors));
                    channels.add(ch);
                    ch.writeAndFlush(login + "\n");
                }
            }
            if (!ready.await(30 + devices / 10, TimeUnit.SECONDS)) {
                if (stream) {
                    throw new IOException("the enterprise stream did not log in: " + streamApp.lastLine);
                }
                throw new IOException((devices - ready.getCount()) + " of " + devices + " apps got ready in time");
            }
            for (int k = 0; k < devices && vstarcam; k++) {
                cameras.heartbeat(deviceId(k));
            }
            for (int k = 0; k < devices && !vstarcam; k++) {
                devs[k] = Lines.connect(group, "127.0.0.1", server.jovisionPort(), (ch, line) -> {
                    if (!line.contains("\"rt\":0")) {
                        if (refused.incrementAndGet() <= 5) {
                            System.err.println("device request refused: " + line);
                        }
                    }
                });
                channels.add(devs[k]);
            }
            ProcessSampler sampler = new ProcessSampler(server.pid(), Optional.of(server.metricsUri())).start();
            ProcessSampler bench = ProcessSampler.bench(Optional.empty()).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            recorder.start();
            long start = recorder.startNanos();
            double period = 1e9 / rate;
            int next = 0;
            long lastIntended = start;
            while (next < alarms && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                while (next < alarms) {
                    long intended = start + (long) (next * period);
                    if (intended > now) {
                        break;
                    }
                    int k = next % devices;
                    if (vstarcam) {
                        cameras.alarm(deviceId(k), next, intended, refused);
                    } else {
                        String mt = scheme.equals("mixed") ? List.of("2219", "2221", "2223").get(next % 3) : scheme;
                        long ats = ATS.incrementAndGet();
                        if (stream) {
                            streamApp.expect(deviceId(k), ats, intended, next);
                        }
                        devs[k].writeAndFlush(alarmLine(mt, next, deviceId(k), intended, ats));
                    }
                    lastIntended = intended;
                    next++;
                }
                if (next < alarms) {
                    LockSupport.parkNanos(start + (long) (next * period) - System.nanoTime());
                }
            }
            int sent = next;
            double sentPerSecond = sent <= 1 ? 0 : (sent - 1) * 1e9 / Math.max(1, lastIntended - start);
            boolean all = awaitAccounted(recorder, refused, sent, deadline);
            Optional<ServerStats> stats = sampler.stop();
            Optional<ServerStats> benchStats = bench.stop();
            String note = label(vendor, scheme, app) + ": " + (vstarcam ? "multipart alarms with a " + pictureBytes
                    + "-byte picture from " + devices + " VStarcam cameras (HTTP, one heartbeat each first)"
                    : schemeWords(scheme) + " alarms from " + devices + " Jovision devices (TCP)")
                    + " to their owners' apps on " + appWords(app)
                    + "; latency from each alarm's intended send time";
            if (refused.get() > 0) {
                note = refused.get() + " device requests refused (not answered rt:0): counted, not delivered, not in"
                        + " the latency. " + note;
            }
            if (!all || sent < alarms) {
                note = "INCOMPLETE: " + recorder.delivered() + " of " + alarms + " alarms reached an app within "
                        + timeout.toSeconds() + " s (" + sent + " sent, " + refused.get() + " refused). " + note;
            }
            Measurement m = new Measurement("alarmhub " + label(vendor, scheme, app), recorder.delivered(),
                    recorder.duplicates(), alarms, errors.get() + recorder.unreadable() + refused.get(),
                    recorder.elapsedNanos(), recorder.histogram(), recorder.perTick(), stats, benchStats, note);
            return new Result(m, devices, rate, sent, sentPerSecond, refused.get(), scheme, app, vendor);
        } finally {
            sockets.forEach(WsApp::close);
            if (streamApp != null) {
                streamApp.close();
            }
            ioSockets.forEach(Socket::close);
            channels.forEach(ch -> ch.close().syncUninterruptibly());
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Waits until every alarm sent has been delivered or refused (a refused one never comes), or the deadline;
     * true when all were accounted for.
     */
    private static boolean awaitAccounted(LatencyRecorder recorder, AtomicLong refused, int sent, long deadline)
            throws InterruptedException {
        while (recorder.delivered() + refused.get() < sent) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (recorder.awaitAll(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20))))) {
                return true;
            }
        }
        return true;
    }

    /** The report's name of the combination, e.g. {@code jovision 2221 → ws}. */
    static String label(String vendor, String scheme, String app) {
        return (vendor.equals("vstarcam") ? "vstarcam" : "jovision " + scheme) + " → " + app;
    }

    /** The picture's file name carries the alarm's intended send time and sequence number. */
    static String pictureName(long intended, int seq) {
        return "sent-" + intended + "-seq-" + seq + ".jpg";
    }

    /**
     * A VStarcam event's raw names the picture's file ({@code "picture":{"file":"sent-…-seq-….jpg"}}):
     * the body the recorder reads, {@code {"sent":…,"seq":…}}; the text itself when it names none.
     */
    static String fromPictureName(String text) {
        int at = text.indexOf("\"sent-");
        if (at < 0) {
            return text;
        }
        int seqAt = text.indexOf("-seq-", at);
        int dot = text.indexOf(".jpg", seqAt);
        if (seqAt < 0 || dot < 0) {
            return text;
        }
        return "{\"sent\":" + text.substring(at + 6, seqAt) + ",\"seq\":" + text.substring(seqAt + 5, dot) + "}";
    }

    static String schemeWords(String scheme) {
        return switch (scheme) {
            case "2219" -> "2219";
            case "mixed" -> "2219, 2221 and 2223 (amt:0, in turn)";
            default -> scheme + " (amt:0)";
        };
    }

    static String appWords(String app) {
        return switch (app) {
            case "tcp" -> "PushServer (t:14, each push acked t:-5)";
            case "ws" -> "/ws (WebSocket text frames; t:14, each push acked t:-5)";
            case "stream" -> "the enterprise stream instead (one TLS client, prefetch " + StreamApp.PREFETCH
                    + ", each enterprise_event_push acked by its delivery_id; attr_alert raises matched to their alarm"
                    + " by did and created_at = the alarm's unique ats)";
            case "socketio" -> "Socket.IO (the Java io.socket client, alias in the handshake query; push events acked push_c)";
            default -> throw new IllegalArgumentException(app);
        };
    }


    /** An owner app on Socket.IO: ready at {@code connect_c}; each {@code push} acked with {@code push_c}. */
    private static Socket socketIoApp(int port, String alias, LatencyRecorder recorder, CountDownLatch ready) {
        IO.Options options = IO.Options.builder().setQuery("alias=" + alias).setForceNew(true)
                .setReconnection(false).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        socket.on("connect_c", args -> ready.countDown());
        socket.on("push", args -> {
            if (args.length > 0 && args[0] instanceof JSONObject push) {
                Object mid = push.opt("mid");
                if (mid != null) {
                    try {
                        socket.emit("push_c", new JSONObject().put("t", -5).put("mid", mid));
                    } catch (JSONException e) {
                        throw new IllegalStateException(e);
                    }
                }
                recordPush(push.toString(), recorder);
            } else {
                recorder.received("");
            }
        });
        socket.connect();
        return socket;
    }

    /** A push just read: this run's alarm goes to the recorder (its send time read back from raw). */
    private static void recordPush(String line, LatencyRecorder recorder) {
        // msg may be carried as an escaped JSON string: the recorder looks for "sent": and "seq":
        String text = fromPictureName(line.contains("\\\"") ? line.replace("\\\"", "\"") : line);
        // an alarm of an earlier run on the same server (the warm-up) redelivered: not this run's
        if ((text.contains("\"event\":\"alarm\"") || text.startsWith("{\"sent\":"))
                && Payload.sentNanos(text).orElse(Long.MAX_VALUE) >= recorder.startNanos()) {
            recorder.received(text);
        }
    }

    /** An owner app on {@code /ws}: the JDK WebSocket; one send at a time, as that API requires. */
    private static final class WsApp implements WebSocket.Listener {
        private final LatencyRecorder recorder;
        private final CountDownLatch ready;
        private final AtomicLong errors;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        WsApp(LatencyRecorder recorder, CountDownLatch ready, AtomicLong errors) {
            this.recorder = recorder;
            this.ready = ready;
            this.errors = errors;
        }

        void open(HttpClient http, URI uri) {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this).join();
        }

        synchronized void send(String text) {
            sending = sending.exceptionally(e -> null).thenCompose(x -> socket.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String line = partial.toString();
                partial.setLength(0);
                onAppLine(this::send, line, recorder, ready, errors);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            errors.incrementAndGet();
            System.err.println("ws app error: " + error);
        }

        void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    private static void onAppLine(Consumer<String> send, String line, LatencyRecorder recorder, CountDownLatch ready,
                                  AtomicLong errors) {
        if (line.startsWith("{\"t\":5,")) {
            int at = line.indexOf("\"mid\":\"");
            if (at >= 0) {
                int from = at + 7;
                send.accept("{\"t\":-5,\"mid\":\"" + line.substring(from, line.indexOf('"', from)) + "\"}");
            }
            recordPush(line, recorder);
            return;
        }
        if (line.startsWith("{\"t\":-14")) {
            ready.countDown();
        } else if (line.startsWith("{\"t\":0")) {
            errors.incrementAndGet();
            System.err.println("app error: " + line);
        }
    }

}
