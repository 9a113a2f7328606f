package io.alarmhub.server;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.alarmhub.store.SqlitePushStore;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.core.stream.Enterprise;
import io.alarmhub.core.stream.SecretHash;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.ServerChannels;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceAdapterRegistry;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.gateway.device.DeviceMetrics;
import io.alarmhub.gateway.device.Sections;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;
import io.alarmhub.server.config.ConfigLoader;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What docs/adding-a-vendor.md promises: a vendor that is its adapter and one registration line is
 * configured from its YAML section, accepted wherever vendors are named, and started and stopped by the
 * node, with nothing else edited.
 */
class ThrowawayVendorTest {

    /** The test vendor's section: where it listens and how long its devices may be silent. */
    record EchoSection(String host, int port, Duration quietTimeout) {
        EchoSection {
            Sections.present("host", host);
            Sections.port("port", port);
            Sections.positive("quiet-timeout", quietTimeout);
        }
    }

    /**
     * A vendor whose "devices" get back what they send, on loopback; it reports where it listened and counts
     * its open connections, as every vendor does.
     */
    static final class EchoAdapter implements DeviceAdapter<EchoSection> {

        final CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public String vendor() {
            return "echo";
        }

        @Override
        public Class<EchoSection> sectionType() {
            return EchoSection.class;
        }

        @Override
        public EchoSection defaults() {
            return new EchoSection("127.0.0.1", 0, Duration.ofMinutes(3));
        }

        @Override
        public List<Listener> listeners(EchoSection section, DeviceContext context) {
            return List.of(listener(section, context));
        }

        private Listener listener(EchoSection section, DeviceContext context) {
            ServerChannels channels = new ServerChannels("device-echo");
            DeviceMetrics metrics = new DeviceMetrics(vendor(), context.registry());
            return new Listener() {
                @Override
                public String name() {
                    return "device-echo";
                }

                @Override
                public InetSocketAddress start() {
                    InetSocketAddress address = channels.bind(context.loops().serverBootstrap(), section.host(),
                            section.port(), ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ctx.writeAndFlush(msg);
                                }
                            }));
                    metrics.connections(channels, ServerChannels::size);
                    bound.complete(address);
                    return address;
                }

                @Override
                public void close() {
                    channels.close();
                    closed.complete(null);
                }
            };
        }

        @Override
        public Duration sweepTimeout(EchoSection section) {
            return section.quietTimeout();
        }

        @Override
        public List<String> portKeys() {
            return List.of("port");
        }

        @Override
        public List<String> meterNames() {
            return List.of(DeviceMetrics.CONNECTIONS);
        }
    }

    private final EchoAdapter echo = new EchoAdapter();
    private final DeviceAdapterRegistry registry = DeviceAdapterRegistry.STANDARD.with(echo);

    @Test
    void isConfiguredFromItsSectionAndAcceptedWhereverVendorsAreNamed(@TempDir Path dir) throws IOException {
        AlarmhubConfig config = load(dir, """
                echo:
                  quiet-timeout: 42s
                devices:
                  known: [{vendor: echo, id: E1, owners: [alice]}]
                routing:
                  rules: [{vendor: echo, kind: alarm, topics: [echoes]}]
                enterprises:
                  - {id: acme, secret-hash: "%s", vendors: [echo], devices: [echo/E2]}
                """.formatted(SecretHash.of("s3cret").encoded()));

        assertThat(config.section(echo)).isEqualTo(new EchoSection("127.0.0.1", 0, Duration.ofSeconds(42)));
        assertThat(config.adapters().vendors()).containsExactly("echo", "hemu", "jovision", "vstarcam");
        assertThat(DeviceAdapters.heartbeatTimeouts(config)).containsEntry("echo", Duration.ofSeconds(42));
        assertThat(DeviceIntake.known(config)).hasSize(1);
        assertThat(DeviceIntake.rules(config)).isNotNull();
        Enterprise acme = Enterprises.from(config).get(0);
        assertThat(acme.vendors()).containsExactly("echo");
    }

    @Test
    void itsSectionChecksNameTheKeyPath(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load(dir, "echo:\n  port: 70000\n"))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith(": echo.port: 70000 is not a port (0-65535)");
        // without the registration line the section is an unknown key, as any typo is
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, "echo:\n  port: 1\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("echo");
    }

    @Test
    void theNodeStartsAndStopsItsListener(@TempDir Path dir) throws Exception {
        AlarmhubConfig config = load(dir, onLoopbackFreePorts(dir));
        try (Node node = Node.start(config)) {
            InetSocketAddress address = echo.bound.get(10, TimeUnit.SECONDS);
            try (Socket device = new Socket(address.getAddress(), address.getPort())) {
                device.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                InputStream in = device.getInputStream();
                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            }
            assertThat(echo.closed).isNotDone();
        }
        assertThat(echo.closed).isDone();
        InetSocketAddress address = echo.bound.get();
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void everyVendorsStartedListenerRegistersExactlyTheMetersItsAdapterNames(@TempDir Path dir) throws Exception {
        AlarmhubConfig config = load(dir, onLoopbackFreePorts(dir));
        try (NettyLoops loops = new NettyLoops(1);
             SqlitePushStore store = SqlitePushStore.open(dir.resolve("data").resolve("push.db"))) {
            for (DeviceAdapter<?> adapter : registry.adapters()) {
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                List<Listener> listeners = listeners(adapter, config, new DeviceContext(loops, NO_EVENTS, NO_MEDIA,
                        meters, dir.resolve("data"), store, new AppApis(), new DeviceCommanders(), "127.0.0.1",
                        new AliasTokens("000102030405060708090a0b0c0d0e0f", Duration.ofMinutes(10), Duration.ofMinutes(5),
                                Clock.systemUTC())));
                listeners.forEach(Listener::start);
                try {
                    // A distribution with buckets shows its histogram as a meter of its own in the simple
                    // registry ("<name>.histogram"); Prometheus exports it as the distribution's buckets.
                    Set<String> registered = meters.getMeters().stream().map(m -> m.getId().getName())
                            .map(name -> name.endsWith(".histogram") ? name.substring(0, name.length() - 10) : name)
                            .collect(Collectors.toSet());
                    assertThat(registered).as("%s: no meter it does not name", adapter.vendor())
                            .isSubsetOf(adapter.meterNames());
                    assertThat(meters.getMeters()).as(adapter.vendor()).allSatisfy((Meter m) ->
                            assertThat(m.getId().getTag("vendor")).isEqualTo(adapter.vendor()));
                    // Every meter is there from the start, so that a scrape shows zeros rather than nothing.
                    assertThat(adapter.meterNames()).as("%s: every name it lists", adapter.vendor())
                            .doesNotHaveDuplicates()
                            .allSatisfy(name -> assertThat(registered).as(name).contains(name));
                } finally {
                    listeners.forEach(Listener::close);
                }
            }
        }
    }

    private static <S extends Record> List<Listener> listeners(DeviceAdapter<S> adapter, AlarmhubConfig config,
                                                               DeviceContext context) {
        return adapter.listeners(config.section(adapter), context);
    }

    /** Events no device sends in a test that only starts listeners. */
    private static final DeviceEvents NO_EVENTS = new DeviceEvents() {
        @Override
        public CompletableFuture<Void> accept(DeviceEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String nextId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean online(DeviceId device) {
            return false;
        }

        @Override
        public void seen(DeviceId device, Instant at) {
        }
    };

    private static final MediaStore NO_MEDIA = new MediaStore() {
        @Override
        public MediaRef keep(Path received, MediaKind kind, String extension, String deviceName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard(MediaRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> url(String key) {
            return Optional.empty();
        }
    };

    private AlarmhubConfig load(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("alarmhub.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of(), registry).load(Optional.of(file));
    }

    /** Every listener of the node on a free loopback port, every vendor's from the registry's port keys. */
    private String onLoopbackFreePorts(Path dir) {
        StringBuilder yaml = new StringBuilder("data:\n  dir: " + dir.resolve("data") + "\n")
                .append("node:\n  advertised-host: 127.0.0.1\n  io-threads: 1\n")
                .append("metrics:\n  port: 0\n");
        for (String face : List.of("rest", "tcp", "websocket", "socketio", "media", "stream")) {
            yaml.append(face).append(":\n  host: 127.0.0.1\n  port: 0\n");
        }
        for (DeviceAdapter<?> adapter : registry.adapters()) {
            yaml.append(adapter.vendor()).append(":\n  host: 127.0.0.1\n");
            adapter.portKeys().forEach(key -> yaml.append("  ").append(key).append(": 0\n"));
        }
        return yaml.toString();
    }
}
