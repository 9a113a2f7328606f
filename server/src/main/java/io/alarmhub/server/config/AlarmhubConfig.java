package io.alarmhub.server.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, as bound from YAML (kebab-case keys). Every field has its default here, and
 * every vendor's section its default in its adapter; {@code alarmhub.example.yaml} in the repository lists
 * them all with their meaning.
 */
public final class AlarmhubConfig {

    /** Private, so that it is no YAML key; {@link ConfigLoader} sets it. */
    private DeviceAdapterRegistry adapters = DeviceAdapterRegistry.STANDARD;
    /**
     * Each vendor's section by vendor id: a top-level YAML key per vendor, which {@link ConfigLoader} binds
     * into the adapter's section record. Vendors without an entry have their defaults.
     */
    private final Map<String, Record> vendorSections = new LinkedHashMap<>();

    public Node node = new Node();
    public Data data = new Data();
    public Store store = new Store();
    public Push push = new Push();
    public Tokens tokens = new Tokens();
    public Rest rest = new Rest();
    public Tcp tcp = new Tcp();
    public WebSocket websocket = new WebSocket();
    public SocketIo socketio = new SocketIo();
    public Metrics metrics = new Metrics();
    public Devices devices = new Devices();
    public Media media = new Media();
    public Routing routing = new Routing();
    public Stream stream = new Stream();
    public List<EnterpriseEntry> enterprises = new ArrayList<>();

    /** This node's identity. */
    public static final class Node {
        /** 0..1023, part of every message id; distinct per node of a cluster. */
        public int id = 0;
        /** The host that {@code /info} and {@code /info/servers} name; empty: this machine's first non-loopback address. */
        public String advertisedHost = "";
        /** Netty I/O threads; 0: one per core. */
        public int ioThreads = 0;
    }

    public static final class Data {
        /** Where the database, the generated token key and (later) media live. */
        public Path dir = Path.of("data");
    }

    public static final class Store {
        /** The SQLite file, relative to {@code data.dir} unless absolute. */
        public Path sqliteFile = Path.of("alarmhub.db");
        /** Operations waiting for the writer; past this, publishes are refused rather than queued. */
        public int queueCapacity = 65_536;
        /** Most operations committed in one transaction (group commit). */
        public int maxBatch = 1024;
    }

    public static final class Push {
        public Duration defaultTtl = Duration.ofDays(1);
        public Duration maxTtl = Duration.ofDays(10);
        /** Pending messages read per page when replaying on connect; the most one pull returns. */
        public int replayLimit = 1000;
        /** How often expired messages are deleted. */
        public Duration purgeInterval = Duration.ofMinutes(1);
        public int maxNameLength = 128;
        /** Most topics or aliases one publish or register may name. */
        public int maxTargets = 1000;
        /** Longest {@code msg}, in characters of its JSON text. */
        public int maxMessageLength = 64 * 1024;
    }

    public static final class Tokens {
        /** 32 hex characters. Better from ALARMHUB_TOKEN_KEY; if neither is set, one is generated into data.dir/token.key. */
        public String key = "";
        /** App ids that may use the REST API. */
        public List<String> apps = new ArrayList<>(List.of("alarmhub"));
        /** How far a token's time may be from the server clock. */
        public Duration window = Duration.ofSeconds(300);
    }

    /** Where a listener binds. */
    public static class Bind {
        public String host = "0.0.0.0";
        public int port;

        Bind(int port) {
            this.port = port;
        }
    }

    /** A listener whose connections are closed after a quiet spell. */
    public static class Listen extends Bind {
        public Duration idleTimeout = Duration.ofMinutes(5);

        Listen(int port) {
            super(port);
        }
    }

    public static final class Rest extends Listen {
        public int maxBodyBytes = 256 * 1024;
        public int pageSize = 100;
        /** A request must arrive whole within this from its first byte (slow clients); the idle timer resets on every byte. */
        public Duration requestTimeout = Duration.ofSeconds(30);

        public Rest() {
            super(9900);
            idleTimeout = Duration.ofSeconds(60);
        }
    }

    public static final class Tcp extends Listen {
        public int maxLineBytes = 64 * 1024;
        /** Consecutive unreadable lines after which a connection is closed. */
        public int maxBadLines = 10;
        /** Requests read but not yet answered; past this, the connection is not read until answers go out. */
        public int maxInFlight = 64;
        public int writeBufferLowBytes = 32 * 1024;
        public int writeBufferHighBytes = 64 * 1024;
        /** A new connection's first line, and every line from its first byte, must be complete within this. */
        public Duration lineTimeout = Duration.ofSeconds(30);

        public Tcp() {
            super(9800);
        }
    }

    public static final class WebSocket extends Listen {
        public int maxFrameBytes = 1024 * 1024;
        /** Consecutive unreadable /ws requests after which a connection is closed. */
        public int maxBadFrames = 10;
        public int maxInFlight = 64;
        public int writeBufferLowBytes = 256 * 1024;
        public int writeBufferHighBytes = 1024 * 1024;

        public WebSocket() {
            super(9000);
        }
    }

    /** Socket.IO's idle timeout is its ping timeout: a client that misses a ping by that long is closed. */
    public static final class SocketIo extends Bind {
        public Duration pingInterval = Duration.ofSeconds(25);
        public Duration pingTimeout = Duration.ofSeconds(20);
        /** A new connection silent this long before its handshake is closed. */
        public Duration firstDataTimeout = Duration.ofSeconds(5);
        public int maxFramePayloadBytes = 256 * 1024;
        public int maxHttpContentBytes = 256 * 1024;
        /** netty-socketio's own I/O threads; 0: twice the cores. */
        public int workerThreads = 0;
        /** Past this many queued bytes, pushes to a connection pause and its requests are not read. */
        public int writeBufferHighBytes = 256 * 1024;
        /** Packets waiting for a long-polling client's next poll before pushes to it pause (keep under 50). */
        public int maxQueuedPackets = 32;
        /** Requests of one connection awaiting the store at once; more are refused. */
        public int maxInFlight = 64;

        public SocketIo() {
            super(9906);
        }
    }

    /** Which devices may connect, and who owns them. */
    public static final class Devices {
        /** false: only the devices listed under known (and those already stored) are accepted. */
        public boolean allowUnknown = true;
        public List<KnownDevice> known = new ArrayList<>();
        /** How often devices silent past their heartbeat timeout are looked for. */
        public Duration sweepInterval = Duration.ofSeconds(10);
        /** How long a device's events (its history) stay in the store; purged every push.purge-interval. */
        public Duration eventRetention = Duration.ofDays(30);
    }

    public static final class KnownDevice {
        /** A registered vendor id (see DeviceAdapterRegistry). */
        public String vendor = "";
        /** The vendor's device id: a CloudSEE number (dguid) or a VStarcam vuid. */
        public String id = "";
        public String name = "";
        /** Aliases that receive the device's events. */
        public List<String> owners = new ArrayList<>();
    }

    /** Who receives device events (see docs/device-events.md). */
    public static final class Routing {
        /** Topic every event of a device goes to; {vendor} and {device} are filled in. Empty: none. */
        public String deviceTopic = "{vendor}/{device}";
        /** Whether a device's owners receive its events. */
        public boolean owners = true;
        /** How long a pushed event waits for an offline watcher. */
        public Duration timeToLive = Duration.ofDays(1);
        public List<Rule> rules = new ArrayList<>();
    }

    /** Adds topics and aliases for the events that match every condition given. */
    public static final class Rule {
        public String vendor = "";
        /** online, offline, alarm, media or status. */
        public String kind = "";
        /** A normalized alarm type: motion, sound, humanoid, face, doorbell, smoke, fire, baby_crying, ... */
        public String type = "";
        public List<String> topics = new ArrayList<>();
        public List<String> aliases = new ArrayList<>();
    }

    /** Pictures and clips devices upload, kept under data.dir and served with expiring signed URLs. */
    public static final class Media extends Listen {
        /** Relative to data.dir unless absolute. */
        public Path dir = Path.of("media");
        /** The URL watchers reach the media listener at; empty: http://{node.advertised-host}:{port}. */
        public String publicUrl = "";
        /** How long a signed URL opens the file; longer than routing.time-to-live, so pending alarms keep working. */
        public Duration urlValidity = Duration.ofDays(7);
        /** Files older than this are deleted. */
        public Duration retention = Duration.ofDays(30);
        /** Past this many bytes, the oldest files are deleted. */
        public long maxBytes = 10L * 1024 * 1024 * 1024;
        /** 64 hex characters signing URLs; better from ALARMHUB_MEDIA_KEY. Empty: generated into data.dir/media.key. */
        public String key = "";
        /** How often retention and the cap are enforced. */
        public Duration sweepInterval = Duration.ofMinutes(10);

        public Media() {
            super(9910);
            idleTimeout = Duration.ofSeconds(60);
        }
    }

    /** The enterprise event stream: TLS, newline-delimited JSON, acks (docs/enterprise-stream.md). */
    public static final class Stream extends Listen {
        /** A connection that has not logged in by then is closed. */
        public Duration loginTimeout = Duration.ofSeconds(10);
        public int maxLineBytes = 16 * 1024;
        /** An alarm's clear (value 0) follows its raise (value 1) after this long. */
        public Duration alarmClearAfter = Duration.ofSeconds(60);
        /** Most unacknowledged events of one enterprise held in memory at once; the rest wait in the store. */
        public int backlogLimit = 100_000;
        public Tls tls = new Tls();

        public Stream() {
            super(2015);
            // Clients ping after 5 quiet minutes; a minute more before the server gives up on them.
            idleTimeout = Duration.ofMinutes(6);
        }
    }

    /** A certificate from PEM files or a PKCS#12 keystore; with neither, a self-signed one is generated into data.dir/tls. */
    public static final class Tls {
        public String certificate = "";
        public String privateKey = "";
        public String keystore = "";
        /** Better from ALARMHUB_TLS_KEYSTORE_PASSWORD. */
        public String keystorePassword = "";
    }

    /** An enterprise back end and the devices whose events it receives. */
    public static final class EnterpriseEntry {
        public String id = "";
        /** From `alarmhub enterprise new` or `enterprise hash-secret`: the secret itself is never configured. */
        public String secretHash = "";
        public List<String> vendors = new ArrayList<>();
        /** vendor/id, e.g. jovision/S35084741. */
        public List<String> devices = new ArrayList<>();
        /** How long an event waits for the enterprise's acknowledgement. */
        public Duration retention = Duration.ofDays(7);
    }

    public static final class Metrics {
        /** Serves Prometheus text at /metrics; 0 turns it off. */
        public int port = 9464;
        /** Loopback by default: metrics are for the operator's scraper, not the world. */
        public String host = "127.0.0.1";
    }

    /** The vendors whose sections this configuration holds. */
    public DeviceAdapterRegistry adapters() {
        return adapters;
    }

    /** A vendor's section: as configured, or its defaults. */
    public <S extends Record> S section(DeviceAdapter<S> adapter) {
        return adapter.sectionType().cast(vendorSections.getOrDefault(adapter.vendor(), adapter.defaults()));
    }

    /** Every registered vendor's section, by vendor id, as top-level keys: what the YAML holds. */
    @JsonAnyGetter
    public Map<String, Record> vendorSections() {
        Map<String, Record> all = new LinkedHashMap<>();
        adapters.adapters().forEach(a -> all.put(a.vendor(), section(a)));
        return all;
    }

    void use(DeviceAdapterRegistry registry) {
        adapters = registry;
    }

    <S extends Record> void section(DeviceAdapter<S> adapter, S section) {
        vendorSections.put(adapter.vendor(), section);
    }

    /** {@code media.dir} resolved against {@code data.dir}. */
    public Path mediaPath() {
        return data.dir.resolve(media.dir);
    }

    /** {@code store.sqliteFile} resolved against {@code data.dir}. */
    public Path sqlitePath() {
        return data.dir.resolve(store.sqliteFile);
    }
}
