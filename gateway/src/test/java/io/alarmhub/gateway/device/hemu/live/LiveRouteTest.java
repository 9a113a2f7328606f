package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.app.HemuAppApi;
import io.alarmhub.gateway.device.hemu.platform.AccountCalls;
import io.alarmhub.video.flv.AudioMode;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.alarmhub.gateway.device.hemu.live.LiveFixture.CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.NOW;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OWNER;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /hemu/live/{deviceId}/{token}} through the Hemu app API, on a clock that stands still. */
class LiveRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveFixture fixture = new LiveFixture();
    private final HemuAppApi api = new HemuAppApi((AccountCalls) null, () -> "https://x:8443", Set.of());
    private final LiveUrls urls = new LiveUrls("cams.example.org", () -> 9930, LiveSettings.DEFAULT, fixture.signer,
            fixture.clock);

    {
        api.registerRoute("live", new LiveRoute(fixture.access, urls));
    }

    private AppAnswer post(String deviceId, String body) throws Exception {
        return api.answer(new AppRequest("POST", List.of("live", deviceId), Map.of(), body, "app")).get();
    }

    private static JsonNode json(AppAnswer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    @Test
    void anOwnerGetsSignedFlvAndWebSocketUrlsValidForTheConfiguredTime() throws Exception {
        AppAnswer answer = post(CAMERA, "{\"alias\":\"" + OWNER + "\",\"audio\":\"alaw\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.route()).isEqualTo("hemu_live");
        JsonNode links = json(answer);
        long expires = NOW.plus(LiveSettings.DEFAULT.urlValidity()).getEpochSecond();
        assertThat(links.get("expires").asLong()).isEqualTo(expires);
        URI flv = URI.create(links.get("flv").asText());
        assertThat(flv.getScheme()).isEqualTo("http");
        assertThat(flv.getHost()).isEqualTo("cams.example.org");
        assertThat(flv.getPort()).isEqualTo(9930);
        assertThat(flv.getPath()).isEqualTo("/live/" + CAMERA + ".flv");
        assertThat(links.get("ws").asText()).isEqualTo("ws" + links.get("flv").asText().substring("http".length()));
        Map<String, List<String>> query = new QueryStringDecoder(flv).parameters();
        assertThat(query.get("audio")).containsExactly("alaw");
        assertThat(query.get("expires")).containsExactly(Long.toString(expires));
        assertThat(fixture.signer.verify(LiveUrls.key(CAMERA), expires, query.get("sig").get(0), NOW.getEpochSecond()))
                .isTrue();
    }

    @Test
    void theUrlItGivesLetsAViewerInAtTheListener() throws Exception {
        URI flv = URI.create(json(post(CAMERA, "{\"alias\":\"" + OWNER + "\"}")).get("flv").asText());

        LiveRequest request = LiveRequest.parse(flv.getRawPath() + "?" + flv.getRawQuery());
        new LiveGate(fixture.signer, fixture.aliasTokens, fixture.access, fixture.clock).admit(request);

        assertThat(request.deviceId()).isEqualTo(CAMERA);
        assertThat(request.audio()).as("the default").isEqualTo(AudioMode.FLAC);
    }

    @Test
    void theAnswerCarriesATalkUrlSignedForTalkAloneThatLetsTheOwnerTalk() throws Exception {
        JsonNode links = json(post(CAMERA, "{\"alias\":\"" + OWNER + "\"}"));
        URI talk = URI.create(links.get("talk").asText());

        assertThat(talk.getScheme()).isEqualTo("ws");
        assertThat(talk.getHost()).isEqualTo("cams.example.org");
        assertThat(talk.getPort()).isEqualTo(9930);
        assertThat(talk.getPath()).isEqualTo("/talk/" + CAMERA);
        Map<String, List<String>> query = new QueryStringDecoder(talk).parameters();
        long expires = links.get("expires").asLong();
        assertThat(query.get("expires")).containsExactly(Long.toString(expires));
        String sig = query.get("sig").get(0);
        assertThat(fixture.signer.verify(LiveUrls.talkKey(CAMERA), expires, sig, NOW.getEpochSecond())).isTrue();
        assertThat(fixture.signer.verify(LiveUrls.key(CAMERA), expires, sig, NOW.getEpochSecond()))
                .as("not a URL to watch").isFalse();

        TalkRequest request = TalkRequest.parse(talk.getRawPath() + "?" + talk.getRawQuery());
        new LiveGate(fixture.signer, fixture.aliasTokens, fixture.access, fixture.clock).admit(request);
        assertThat(request.format()).as("the default").isEqualTo(TalkFormat.PCM);
    }

    @Test
    void anAliasThatDoesNotOwnTheCameraIs403() throws Exception {
        AppAnswer answer = post(CAMERA, "{\"alias\":\"" + STRANGER + "\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.fault()).hasValue("not_owner");
        assertThat(json(answer).get("error").asText()).isEqualTo("this alias does not own the camera");
        assertThat(json(answer).get("t").asInt()).isZero();
    }

    @Test
    void badBodiesAndPathsAreRefusedInTheRestServersShape() throws Exception {
        assertThat(post(CAMERA, "not json").status()).isEqualTo(400);
        assertThat(post(CAMERA, "{\"audio\":\"flac\"}").fault()).hasValue("bad_request");
        assertThat(json(post(CAMERA, "{\"alias\":\"" + OWNER + "\",\"audio\":\"mp3\"}")).get("error").asText())
                .startsWith("audio: flac, alaw");
        assertThat(post(CAMERA, "{\"alias\":\"" + OWNER + "\",\"audio\":7}").status()).isEqualTo(400);
        assertThat(post("12345", "{\"alias\":\"" + OWNER + "\"}").status()).isEqualTo(404);
        AppAnswer get = api.answer(new AppRequest("GET", List.of("live", CAMERA), Map.of(), "", "app")).get();
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void anIpv6HostIsBracketedInTheUrls() {
        LiveUrls v6 = new LiveUrls("2001:db8::7", () -> 9930, LiveSettings.DEFAULT, fixture.signer, fixture.clock);

        assertThat(v6.links(CAMERA, AudioMode.NONE).flv()).startsWith("http://[2001:db8::7]:9930/live/");
    }
}
