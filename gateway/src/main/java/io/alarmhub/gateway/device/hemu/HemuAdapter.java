package io.alarmhub.gateway.device.hemu;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.device.DeviceAdapter;
import io.alarmhub.gateway.device.DeviceContext;
import io.alarmhub.gateway.device.DeviceMetrics;
import io.alarmhub.core.media.LastingMedia;
import io.alarmhub.core.media.MediaFiles;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.command.CommandRoute;
import io.alarmhub.gateway.device.hemu.command.CommandTimer;
import io.alarmhub.gateway.device.hemu.command.HemuCommander;
import io.alarmhub.gateway.device.hemu.command.WaitingAnswers;
import io.alarmhub.gateway.device.hemu.firmware.Firmware;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwLink;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwMedia;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwMessages;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwListener;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwSessions;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwTls;
import io.alarmhub.gateway.device.hemu.live.LiveAccess;
import io.alarmhub.gateway.device.hemu.live.LiveListener;
import io.alarmhub.gateway.device.hemu.live.LiveMetrics;
import io.alarmhub.gateway.device.hemu.live.LiveRoute;
import io.alarmhub.gateway.device.hemu.live.LiveSettings;
import io.alarmhub.gateway.device.hemu.live.LiveUrls;
import io.alarmhub.gateway.device.hemu.live.TalkLine;
import io.alarmhub.gateway.device.hemu.live.TalkMetrics;
import io.alarmhub.gateway.device.hemu.live.TalkPacket;
import io.alarmhub.gateway.device.hemu.openapi.NonceCache;
import io.alarmhub.gateway.device.hemu.openapi.OpenApiListener;
import io.alarmhub.gateway.device.hemu.openapi.OpenApiRequests;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraCalls;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.IpCamDesk;
import io.alarmhub.gateway.device.hemu.platform.GatewayCalls;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanApi;
import io.alarmhub.gateway.device.hemu.plan.PlanBook;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Plans;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;
import io.alarmhub.gateway.device.hemu.reports.CameraReports;
import io.alarmhub.gateway.device.hemu.reports.PanoramaLimits;
import io.alarmhub.gateway.device.hemu.reports.Panoramas;
import io.alarmhub.gateway.device.hemu.recordings.CameraThumbnails;
import io.alarmhub.gateway.device.hemu.recordings.RecordingDisk;
import io.alarmhub.gateway.device.hemu.recordings.RecordingIndex;
import io.alarmhub.gateway.device.hemu.recordings.RecordingRetention;
import io.alarmhub.gateway.device.hemu.recordings.RecordingRoutes;
import io.alarmhub.gateway.device.hemu.recordings.ThumbnailRoute;
import io.alarmhub.gateway.device.hemu.reports.ReportRoutes;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.video.hub.VideoHub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * China Mobile Hemu cameras: alarmhub plays the platform. Cameras of the configured manufacturers register
 * through the OpenAPI ({@code hemu.port}, HTTPS), then log in to the HEDGW signalling gateway
 * ({@code hemu.hedgw-port}, TLS); app back ends reach the platform's accounts through the RestServer's
 * {@code /hemu/} routes.
 */
public final class HemuAdapter implements DeviceAdapter<HemuSettings> {

    public static final String VENDOR = "hemu";
    /** The document's window (2.2): a {@code Created} further than this from the server's clock is refused. */
    public static final Duration CLOCK_WINDOW = Duration.ofMinutes(5);
    /** How many registration tokens, and how many bindings, may wait at once. */
    static final int WAITING_CAPACITY = 100_000;

    private static final Duration SILENCE_IS_NOT_OFFLINE = Duration.ofDays(3650);

    private final Map<String, String> environment;

    /** An adapter that reads manufacturers' {@code secret-env} from the process's environment. */
    public HemuAdapter() {
        this(System.getenv());
    }

    public HemuAdapter(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Class<HemuSettings> sectionType() {
        return HemuSettings.class;
    }

    @Override
    public HemuSettings defaults() {
        return HemuSettings.DEFAULT;
    }

    /** Every manufacturer's secret can be read, and is readable by the server's user only. */
    @Override
    public void check(HemuSettings section, Path dataDir) {
        Manufacturers.load(section.manufacturers(), dataDir, environment);
    }

    /**
     * Reads the manufacturers' secrets and the platform's records (waiting for the store), and registers the
     * app routes; the OpenAPI listens once started.
     */
    @Override
    public List<Listener> listeners(HemuSettings section, DeviceContext context) {
        Clock clock = Clock.systemUTC();
        Manufacturers manufacturers = Manufacturers.load(section.manufacturers(), context.dataDir(), environment);
        CameraDirectory directory = CameraDirectory.load(context.store(), clock, WAITING_CAPACITY).join();
        HemuMetrics metrics = new HemuMetrics(context.registry());
        CameraCalls cameras = new CameraCalls(directory, context.events(), section.grantValidity());
        String hedgwHost = section.hedgwHost().isBlank() ? context.advertisedHost() : section.hedgwHost();
        OpenApiRequests requests = new OpenApiRequests(manufacturers,
                new NonceCache(section.nonceCapacity(), CLOCK_WINDOW, clock), cameras, metrics,
                () -> JsonNodeFactory.instance.objectNode().put("serverAddr", hedgwHost)
                        .put("serverPort", Integer.toString(section.hedgwPort())));
        AtomicReference<OpenApiListener> listener = new AtomicReference<>();
        listener.set(new OpenApiListener(section, context.loops(),
                () -> ServerTls.context(section.tls().settings(), context.dataDir(),
                        Optional.of(context.advertisedHost())),
                requests, metrics, clock, manufacturers.describe()));
        AccountCalls accounts = new AccountCalls(directory, context.events(), section.grantValidity(),
                section.bindingValidity());
        HemuAppApi apps = new HemuAppApi(accounts,
                () -> "https://" + context.advertisedHost() + ":" + listener.get().address()
                        .map(InetSocketAddress::getPort).orElse(section.port()), Set.copyOf(section.operatorApps()));
        context.apps().register(VENDOR, apps);
        HedgwSessions sessions = new HedgwSessions(section.hedgw());
        HedgwLink link = new HedgwLink(sessions);
        Plans plans = Plans.load(context.store(), directory, context.events(), link, new CameraPlan(
                PlanStatus.of(section.hedgw().plan()).orElseThrow(), section.hedgw().serviceDays(),
                Thumbnails.of(section.thumbnails())), metrics).join();
        apps.registerAdmin("plan", new PlanApi(plans, metrics));
        WaitingAnswers waiting = new WaitingAnswers(section.commands().maxWaiting(),
                section.commands().answerTimeout(), CommandTimer.on(context.loops().workers()), metrics,
                WaitingAnswers.randomSession());
        HemuCommander commander = new HemuCommander(directory, accounts, link, waiting, metrics, clock);
        context.commands().register(VENDOR, commander);
        apps.registerRoute("command", new CommandRoute(commander));
        Firmware firmware = firmware(section, context, directory, manufacturers, link, metrics, clock);
        apps.registerAdmin("firmware", firmware.routes());
        cameras.onVersions(firmware::versionReported);
        directory.onRemoved(firmware::unbound);
        IpCamDesk desk = new IpCamDesk(waiting::answer, reports(section, context, directory, metrics, clock, apps),
                firmware::progress);
        GatewayCalls gatewayCalls = new GatewayCalls(directory, manufacturers, context.events());
        gatewayCalls.onLoggedIn(firmware::loggedIn);
        Optional<HedgwMedia> media = video(section, context, plans, directory, apps, clock);
        media.ifPresent(m -> link.onPlanSent(m::planChanged));
        Optional<LiveListener> live = media.map(m -> live(section, context, directory, m, link, apps, clock));
        apps.registerRoute("recordings", new RecordingRoutes(directory, context.store(), context.media()::url, VENDOR,
                clock));
        HedgwListener gateway = new HedgwListener(section.host(), section.hedgwPort(), section.hedgw(),
                context.loops(), () -> HedgwTls.serverContext(section.tls().settings(), context.dataDir(),
                Optional.of(context.advertisedHost())), gatewayCalls, sessions, desk, plans, metrics, clock, media);
        List<Listener> all = new ArrayList<>(List.of(listener.get(), gateway));
        live.ifPresent(all::add);
        return all;
    }

    /**
     * Live view of the cameras' video: the {@code hemu-live} listener (HTTP-FLV and WebSocket-FLV, for the camera's
     * owner with a signed URL or an alias token, and two-way talk to its speaker over its HEDGW connection) and
     * {@code POST /hemu/live/{deviceId}/{token}}, which hands out the URLs. A camera's viewers and talker are ended
     * when its connection ends.
     */
    private static LiveListener live(HemuSettings section, DeviceContext context, CameraDirectory directory,
                                     HedgwMedia media, HedgwLink link, HemuAppApi apps, Clock clock) {
        LiveSettings settings = new LiveSettings(section.host(), section.livePort(), LiveSettings.DEFAULT.idleTimeout(),
                LiveSettings.DEFAULT.requestTimeout(), section.video().maxViewers(), LiveSettings.DEFAULT.maxViewers(),
                LiveSettings.DEFAULT.urlValidity(), LiveSettings.DEFAULT.writeBufferLowBytes(),
                LiveSettings.DEFAULT.writeBufferHighBytes());
        // The media store's signer, so that every node sharing its key verifies the others' URLs.
        MediaSigner signer = context.media() instanceof MediaFiles files ? files.signer() : MediaSigner.random();
        LiveAccess access = (alias, deviceId) -> directory.camera(deviceId).filter(c -> c.owner().equals(alias))
                .isPresent();
        TalkLine talk = new TalkLine() {
            @Override
            public boolean connected(String deviceId) {
                return link.connected(deviceId);
            }

            @Override
            public boolean send(String deviceId, TalkPacket packet) {
                return link.sendTalk(deviceId, HedgwMessages.talk(packet.rtp(), packet.startTime(), packet.seqNum(),
                        packet.ipcamTime()));
            }
        };
        LiveListener listener = new LiveListener(settings, context.loops(), signer, context.aliasTokens(), access,
                media.hub()::feed, talk, context.registry(), clock);
        media.onCameraGone(listener::cameraGone);
        apps.registerRoute("live", new LiveRoute(access, new LiveUrls(context.advertisedHost(), listener::port,
                settings, signer, clock)));
        return listener;
    }

    /**
     * Cameras' video, unless {@code hemu.video.enabled} is off: the hub that keeps their rings and live feeds and
     * records them under the media directory's {@code recordings}, indexed in the store; the retention of those
     * recordings (what a crash left incomplete finished first, then swept on one of the node's loops, and an
     * unbound camera's deleted); and cameras' thumbnails, with the route their owners read the latest by.
     */
    private static Optional<HedgwMedia> video(HemuSettings section, DeviceContext context, Plans plans,
                                              CameraDirectory directory, HemuAppApi apps, Clock clock) {
        VideoSection video = section.video();
        if (!video.enabled()) {
            return Optional.empty();
        }
        Path recordings = context.media() instanceof MediaFiles files ? files.recordings()
                : context.dataDir().resolve("media").resolve("recordings");
        RecordingRetention retention = new RecordingRetention(context.store(), new RecordingDisk(recordings),
                directory, id -> plans.planOf(id).serviceDays(), VENDOR, video.limits(), clock,
                RecordingRetention.worker());
        retention.start();
        long sweep = video.sweepInterval().toMillis();
        context.loops().workers().next().scheduleAtFixedRate(retention::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        directory.onRemoved(retention::unbound);
        RecordingIndex index = new RecordingIndex(VENDOR, context.store(), context.events(), recordings.getParent(),
                context.media()::url, retention);
        VideoHub hub = new VideoHub(video.settings(recordings), index, clock);
        VideoMeters meters = new VideoMeters(context.registry(), hub, retention);
        CameraThumbnails thumbnails;
        try {
            thumbnails = new CameraThumbnails(context.media(), id -> directory.camera(id).isPresent(),
                    CameraThumbnails.writer(), context.dataDir().resolve("uploads").resolve(VENDOR + "-thumbnails"),
                    meters::thumbnail, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directory of Hemu thumbnails", e);
        }
        directory.onRemoved(thumbnails::unbound);
        apps.registerRoute("thumbnail", new ThumbnailRoute(directory, thumbnails, VENDOR));
        return Optional.of(new HedgwMedia(hub, plans, meters, thumbnails));
    }

    /**
     * What cameras report of themselves: statistics, resolution changes and panoramas (which expire on one of
     * the node's loops), and the routes app back ends read people counts and statistics by.
     */
    private static CameraReports reports(HemuSettings section, DeviceContext context, CameraDirectory directory,
                                         HemuMetrics metrics, Clock clock, HemuAppApi apps) {
        ReportRoutes routes = new ReportRoutes(directory, context.store(), clock);
        ReportRoutes.names().forEach(name -> apps.registerRoute(name, routes));
        Panoramas panoramas;
        try {
            panoramas = new Panoramas(PanoramaLimits.DEFAULT, context.media(), context.events(), panoramaWriter(),
                    context.dataDir().resolve("uploads").resolve(VENDOR), metrics.reports(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directory of Hemu panorama pictures", e);
        }
        long sweep = PanoramaLimits.DEFAULT.timeout().toMillis() / 2;
        context.loops().workers().next().scheduleAtFixedRate(panoramas::expire, sweep, sweep, TimeUnit.MILLISECONDS);
        return new CameraReports(context.store(), context.events(), panoramas, metrics, clock);
    }

    /**
     * One thread, started when a panorama is whole and gone when idle, writing its pictures to the media store
     * (disk I/O, off the event loops); 16 whole panoramas may wait for it, more are dropped and counted.
     */
    private static ExecutorService panoramaWriter() {
        ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
                runnable -> {
                    Thread thread = new Thread(runnable, "hemu-panorama-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        writer.allowCoreThreadTimeOut(true);
        return writer;
    }

    /**
     * Firmware packages (kept as lasting media files when the node's media store keeps them), rollouts and the
     * cameras' updates, loaded from the store; their timeouts swept on an event loop.
     */
    private static Firmware firmware(HemuSettings section, DeviceContext context, CameraDirectory directory,
                                     Manufacturers manufacturers, CameraLink link, HemuMetrics metrics, Clock clock) {
        Optional<LastingMedia> media = context.media() instanceof LastingMedia lasting
                ? Optional.of(lasting) : Optional.empty();
        Firmware firmware = Firmware.load(section.firmware(), context.store(), media,
                context.dataDir().resolve("hemu").resolve("firmware").resolve("incoming"), directory, manufacturers,
                link, context.events(), metrics, clock, Firmware.ioExecutor()).join();
        long sweep = firmware.sweepInterval().toMillis();
        context.loops().workers().next().scheduleAtFixedRate(firmware::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        return firmware;
    }

    /**
     * Never, in effect: a camera's presence is its HEDGW connection, which goes offline itself when the camera
     * stops pinging (3 × {@code ping_pong_span}) or the connection ends; a camera that never logs in stays as
     * its registration left it.
     */
    @Override
    public Duration sweepTimeout(HemuSettings section) {
        return SILENCE_IS_NOT_OFFLINE;
    }

    /** A camera's {@code DevEventCmd} with {@code status} 0 ends its alarm of that type (5.2.6). */
    @Override
    public boolean reportsAlarmEnds() {
        return true;
    }

    @Override
    public List<String> portKeys() {
        return List.of("port", "hedgw-port", "live-port");
    }

    @Override
    public List<String> meterNames() {
        List<String> names = new ArrayList<>(List.of(DeviceMetrics.MESSAGES, DeviceMetrics.BAD_INPUT,
                DeviceMetrics.CONNECTIONS, DeviceMetrics.CLOSED));
        names.add(HemuMetrics.BUSY);
        names.add(HemuMetrics.SERVER_COMMANDS);
        names.add(HemuMetrics.COMMANDS);
        names.add(HemuMetrics.COMMAND_REFUSALS);
        names.addAll(ReportMeters.NAMES);
        names.addAll(VideoMeters.NAMES);
        names.addAll(LiveMetrics.NAMES);
        names.addAll(TalkMetrics.NAMES);
        names.add(HemuMetrics.FIRMWARE_UPDATES);
        names.add(HemuMetrics.FIRMWARE_UNMATCHED);
        return List.copyOf(names);
    }
}
