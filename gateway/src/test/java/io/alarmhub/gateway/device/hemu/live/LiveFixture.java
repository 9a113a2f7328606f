package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.live.Audience;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.RingBudget;
import io.alarmhub.video.testing.CameraStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the live listener is lent in tests: a signer, alias tokens, who owns which camera, the connected cameras'
 * feeds and speakers, a registry, and camera streams made by the real ffmpeg (see {@link CameraStream}).
 */
final class LiveFixture {

    static final String CAMERA = "110234567894562";
    static final String OTHER_CAMERA = "110234567894563";
    static final String OWNER = "alice";
    static final String STRANGER = "mallory";
    static final String TOKEN_KEY = "00112233445566778899aabbccddeeff";
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    final Clock clock;
    final MediaSigner signer = new MediaSigner(new byte[MediaSigner.SECRET_BYTES]);
    final AliasTokens aliasTokens;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LiveMetrics metrics = new LiveMetrics(registry);
    final Map<String, LiveFeed> feeds = new ConcurrentHashMap<>();
    /** The first-viewer and last-viewer edges the feeds told, in order. */
    final List<String> edges = Collections.synchronizedList(new ArrayList<>());
    final LiveAccess access = (alias, deviceId) -> alias.equals(OWNER)
            && Set.of(CAMERA, OTHER_CAMERA).contains(deviceId);
    final LiveCameras cameras = deviceId -> Optional.ofNullable(feeds.get(deviceId));
    final Speakers speakers = new Speakers();
    final TalkMetrics talkMetrics = new TalkMetrics(registry);
    final Talkers talkers = new Talkers();

    /** On a clock that stands at {@link #NOW}. */
    LiveFixture() {
        this(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    LiveFixture(Clock clock) {
        this.clock = clock;
        this.aliasTokens = new AliasTokens(TOKEN_KEY, Duration.ofMinutes(10), Duration.ofMinutes(1), clock);
    }

    /** The camera logs in: its feed exists from now, for {@code maxViewers}. */
    LiveFeed connect(String deviceId, int maxViewers) {
        CameraRing ring = new CameraRing(Duration.ofSeconds(2), 8L << 20, new RingBudget(64L << 20));
        LiveFeed feed = new LiveFeed(ring, maxViewers, new Audience() {
            @Override
            public void onFirstViewer() {
                edges.add("first " + deviceId);
            }

            @Override
            public void onLastViewerLeft() {
                edges.add("last " + deviceId);
            }
        });
        feeds.put(deviceId, feed);
        return feed;
    }

    LiveFeed connect(String deviceId) {
        return connect(deviceId, 100);
    }

    /** The request target of a URL signed for {@code deviceId}, valid for ten minutes. */
    String signed(String deviceId, String audio) {
        return signed(deviceId, audio, clock.instant().plusSeconds(600));
    }

    String signed(String deviceId, String audio, Instant expires) {
        long at = expires.getEpochSecond();
        return "/live/" + deviceId + ".flv?audio=" + audio + "&expires=" + at + "&sig="
                + signer.sign(LiveUrls.key(deviceId), at);
    }

    /** The request target with {@code alias} and a token minted for it. */
    String withAlias(String deviceId, String alias) {
        return "/live/" + deviceId + ".flv?audio=alaw&alias=" + alias + "&alias_token="
                + aliasTokens.mint(alias).token();
    }

    LiveRouter router(LiveViewers viewers) {
        LiveGate gate = new LiveGate(signer, aliasTokens, access, clock);
        // Seeded: a talk's SSRC and first sequence number are then the same on every run.
        return new LiveRouter(gate, cameras, viewers, metrics, new TalkRouter(gate, speakers, talkers, talkMetrics,
                clock, new Random(12)));
    }

    /** The request target of a talk URL signed for {@code deviceId}, valid for ten minutes. */
    String talkSigned(String deviceId) {
        long at = clock.instant().plusSeconds(600).getEpochSecond();
        return "/talk/" + deviceId + "?expires=" + at + "&sig=" + signer.sign(LiveUrls.talkKey(deviceId), at);
    }

    double refused(String reason) {
        return registry.get(LiveMetrics.REFUSED).tag("reason", reason).counter().count();
    }

    /** A camera's first GOP and the frames after it up to (not with) its second keyframe, with its parameter sets. */
    static void publishFirstGop(LiveFeed feed, CameraStream stream) {
        feed.parameterSets(stream.sets());
        boolean started = false;
        for (MediaFrame frame : stream.frames()) {
            boolean keyframe = frame instanceof VideoFrame video && video.keyframe();
            if (keyframe && started) {
                return;
            }
            started |= keyframe;
            feed.publish(frame);
        }
    }

    static CameraStream h264() {
        return CameraStream.of(VideoCodec.H264, 640, 360, 2);
    }
}
