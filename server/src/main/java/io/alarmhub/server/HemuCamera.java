package io.alarmhub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alarmhub.gateway.tls.ServerTls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One simulated Hemu camera walking the platform's registration flow against an OpenAPI
 * ({@code POST <api>/andmu/v2/service/batch}) over TLS 1.2, as a licensed manufacturer's camera would:
 * to try a server without a camera, and in tests. It signs every request itself ({@link HemuAuth}), keeps
 * the {@code deviceToken} that registering gives it, and on a 401 takes the server's clock from the
 * {@code Date} header and tries once more. Not for use by several threads at once.
 */
public final class HemuCamera {

    public static final String PATH = "/andmu/v2/service/batch";
    /** The document's shortest interval between two bind-info polls. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** How the camera waits between polls; tests pass one that moves a test clock instead of sleeping. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** One step of the flow, for {@link #walk}. */
    @FunctionalInterface
    private interface Step {
        Answer run() throws IOException, InterruptedException;
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String accessKey;
    private final String accessSecret;
    private final String deviceId;
    private final String mac;
    private final String model;
    private final String hardware;
    private final int features;
    private final String firmwareVersion;
    private final String cameraAppVersion;
    private final String wifiSsid;
    private final Clock clock;
    private final Pause pause;
    private final SecureRandom random = new SecureRandom();

    /** Server time minus ours, as the last 401 said. */
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile Optional<String> deviceToken = Optional.empty();

    private HemuCamera(Builder b, SSLContext tls) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[]{"TLSv1.2"});
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String api = b.api.toString();
        this.endpoint = URI.create((api.endsWith("/") ? api.substring(0, api.length() - 1) : api) + PATH);
        this.accessKey = b.accessKey;
        this.accessSecret = b.accessSecret;
        this.deviceId = b.deviceId;
        this.mac = b.mac;
        this.model = b.model;
        this.hardware = b.hardware;
        this.features = b.features;
        this.firmwareVersion = b.firmwareVersion;
        this.cameraAppVersion = b.cameraAppVersion;
        this.wifiSsid = b.wifiSsid;
        this.clock = b.clock;
        this.pause = b.pause;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code deviceToken} of the last successful {@link #register}. */
    public Optional<String> deviceToken() {
        return deviceToken;
    }

    /** Step 1, {@code MSG_P_THD_ADD_CAMERA_REQ}: keeps the answer's {@code deviceToken} when it succeeds. */
    public Answer register(String userMobile, String userToken) throws IOException, InterruptedException {
        ObjectNode json = request("MSG_P_THD_ADD_CAMERA_REQ");
        json.put("userMobile", Objects.requireNonNull(userMobile, "userMobile"));
        json.put("userToken", Objects.requireNonNull(userToken, "userToken"));
        json.put("deviceMacAddress", mac);
        json.put("deviceId", deviceId);
        json.put("deviceModelId", model);
        json.put("comment", "['HW':'" + hardware + "','FEATURE':" + features + "]");
        json.put("registMode", "0");
        Answer answer = send(json);
        if (answer.ok()) {
            answer.text("deviceToken").ifPresent(token -> deviceToken = Optional.of(token));
        }
        return answer;
    }

    /** Step 2, {@code MSG_P_THD_SET_CAMERA_CAPACITY_REQ}: what this camera can do. */
    public Answer reportCapacity() throws IOException, InterruptedException {
        ObjectNode json = withToken("MSG_P_THD_SET_CAMERA_CAPACITY_REQ");
        ObjectNode support = json.putObject("supportKey");
        support.put("motionRegion", 1);
        support.put("duplexAudioTalk", 1);
        support.put("faceDetect", 0);
        support.put("personStatistic", 0);
        support.put("sdcard", 1);
        support.put("eventRecord", 1);
        support.put("binoCam", 0);
        support.put("motionTrack", 0);
        support.put("peopleDetection", 1);
        support.put("ptzPano", 0);
        return send(json);
    }

    /** Step 3, {@code MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ}: the answer names the HEDGW, {@code serverAddr} and {@code serverPort}. */
    public Answer channelAddress() throws IOException, InterruptedException {
        return send(withToken("MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ"));
    }

    /** Step 4, {@code MSG_P_THD_GET_CAMERA_SETTINGS_REQ}: the answer holds {@code camRW}. */
    public Answer settings() throws IOException, InterruptedException {
        return send(withToken("MSG_P_THD_GET_CAMERA_SETTINGS_REQ"));
    }

    /** Step 5, {@code MSG_P_THD_SET_CAMERA_INFO_REQ}: model and versions. */
    public Answer reportInfo() throws IOException, InterruptedException {
        return reportInfo(firmwareVersion, cameraAppVersion);
    }

    /** The firmware version it reports at first ({@code MSG_P_THD_SET_CAMERA_INFO_REQ}). */
    public String firmwareVersion() {
        return firmwareVersion;
    }

    /** The camera app version it reports at first. */
    public String cameraAppVersion() {
        return cameraAppVersion;
    }

    /** {@code MSG_P_THD_SET_CAMERA_INFO_REQ} with these versions: what a camera reports after an update. */
    public Answer reportInfo(String firmwareVersion, String cameraAppVersion) throws IOException, InterruptedException {
        ObjectNode json = request("MSG_P_THD_SET_CAMERA_INFO_REQ");
        json.put("deviceMacAddress", mac);
        json.put("deviceId", deviceId);
        json.put("deviceModelId", model);
        json.put("firmwareVersion", Objects.requireNonNull(firmwareVersion, "firmwareVersion"));
        json.put("cameraAppVersion", Objects.requireNonNull(cameraAppVersion, "cameraAppVersion"));
        json.put("deviceToken", requireToken());
        return send(json);
    }

    /** Step 6 as the walk sends it: on, SD card status 3, the built Wi-Fi SSID. */
    public Answer reportSettings() throws IOException, InterruptedException {
        return reportSettings("On", 3, wifiSsid);
    }

    /** Step 6, {@code MSG_P_THD_SET_CAMERA_SETTINGS_REQ}, with a {@code camParam} of these values. */
    public Answer reportSettings(String status, int sdcardStatus, String wifiSsid) throws IOException, InterruptedException {
        ObjectNode json = withToken("MSG_P_THD_SET_CAMERA_SETTINGS_REQ");
        ObjectNode camParam = json.putObject("camParam");
        camParam.put("status", Objects.requireNonNull(status, "status"));
        camParam.put("sdcardStatus", sdcardStatus);
        camParam.put("wifiSSID", Objects.requireNonNull(wifiSsid, "wifiSsid"));
        return send(json);
    }

    /** {@code MSG_P_THD_GET_CAMERA_BIND_INFO_REQ}: a wired camera's question whether a user has bound it yet. */
    public Answer bindInfo() throws IOException, InterruptedException {
        ObjectNode json = request("MSG_P_THD_GET_CAMERA_BIND_INFO_REQ");
        json.put("deviceMacAddress", mac);
        json.put("deviceId", deviceId);
        return send(json);
    }

    /** As {@link #walk(String, String, Consumer)}, without watching the answers come. */
    public Walk walk(String userMobile, String userToken) throws IOException, InterruptedException {
        return walk(userMobile, userToken, answer -> { });
    }

    /**
     * Steps 1 to 6 in order, stopping at the first answer whose errorCode is not "0" (or a registration that
     * gives no deviceToken); {@code each} sees every answer as it arrives.
     */
    public Walk walk(String userMobile, String userToken, Consumer<Answer> each) throws IOException, InterruptedException {
        return walk(userMobile, userToken, new ArrayList<>(), each);
    }

    /**
     * A wired camera: polls {@link #bindInfo} every {@code pollInterval} until the answer names the user who
     * bound it ({@code userMobile} and {@code userToken}), for at most {@code timeout}, then walks steps 1 to 6
     * as them. The walk's answers start with the polls.
     */
    public Walk walkWired(Duration pollInterval, Duration timeout, Consumer<Answer> each)
            throws IOException, InterruptedException {
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("the platform asks for at least " + MIN_POLL_INTERVAL.toSeconds()
                    + " s between bind-info polls, not " + pollInterval);
        }
        Instant deadline = clock.instant().plus(timeout);
        List<Answer> answers = new ArrayList<>();
        while (true) {
            Answer poll = bindInfo();
            answers.add(poll);
            each.accept(poll);
            if (!poll.ok()) {
                return ended(answers, Walk.Outcome.FAILED, answers.size());
            }
            Optional<String> mobile = poll.text("userMobile");
            Optional<String> token = poll.text("userToken");
            if (mobile.isPresent() && token.isPresent()) {
                return walk(mobile.get(), token.get(), answers, each);
            }
            if (clock.instant().plus(pollInterval).isAfter(deadline)) {
                return ended(answers, Walk.Outcome.NOT_BOUND, answers.size());
            }
            pause.pause(pollInterval);
        }
    }

    /**
     * Sends one jsonObject as it is, signed, and returns the answer. On a 401 that carries a readable
     * {@code Date}, sets this camera's clock by it and sends once more with a new nonce, as the document says.
     */
    public Answer send(String jsonObject) throws IOException, InterruptedException {
        Objects.requireNonNull(jsonObject, "jsonObject");
        HttpResponse<String> response = post(jsonObject);
        if (response.statusCode() == 401) {
            Optional<Instant> serverTime = response.headers().firstValue("Date").flatMap(HemuAuth::serverTime);
            if (serverTime.isPresent()) {
                clockOffset = Duration.between(clock.instant(), serverTime.get());
                response = post(jsonObject);
            }
        }
        return Answer.of(response.statusCode(), response.body());
    }

    /** Steps 1 to 6, their answers added to {@code answers} (which may hold bind-info polls already). */
    private Walk walk(String userMobile, String userToken, List<Answer> answers, Consumer<Answer> each)
            throws IOException, InterruptedException {
        Objects.requireNonNull(userMobile, "userMobile");
        Objects.requireNonNull(userToken, "userToken");
        deviceToken = Optional.empty();
        int first = answers.size();
        List<Step> steps = List.of(() -> register(userMobile, userToken), this::reportCapacity, this::channelAddress,
                this::settings, this::reportInfo, this::reportSettings);
        for (Step step : steps) {
            Answer answer = step.run();
            answers.add(answer);
            each.accept(answer);
            if (!answer.ok() || deviceToken.isEmpty()) {
                return ended(answers, Walk.Outcome.FAILED, first);
            }
        }
        return ended(answers, Walk.Outcome.COMPLETE, first);
    }

    /** @param first where step 1's answer is in {@code answers}, after any polls: step 3's is two further on */
    private static Walk ended(List<Answer> answers, Walk.Outcome outcome, int first) {
        Optional<Answer> added = answers.size() > first ? Optional.of(answers.get(first)) : Optional.empty();
        Optional<Answer> channel = answers.size() > first + 2 ? Optional.of(answers.get(first + 2)) : Optional.empty();
        return new Walk(answers, outcome, added.flatMap(a -> a.text("deviceToken")), added.flatMap(a -> a.text("unifiedId")),
                channel.flatMap(a -> a.text("serverAddr")), channel.flatMap(a -> a.text("serverPort")));
    }

    private HttpResponse<String> post(String jsonObject) throws IOException, InterruptedException {
        String created = HemuAuth.created(clock.instant().plus(clockOffset), clock.getZone());
        String nonce = HemuAuth.nonce(random);
        String form = "accessKey=" + URLEncoder.encode(accessKey, StandardCharsets.UTF_8)
                + "&signature=" + HemuAuth.signature(accessSecret, accessKey, jsonObject)
                + "&jsonObject=" + URLEncoder.encode(jsonObject, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "WSSE profile=\"UsernamePwd\"")
                .header("X-WSSE", HemuAuth.wsse(accessKey + "-" + deviceId,
                        HemuAuth.passwordDigest(nonce, created, accessSecret), nonce, created))
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Answer send(ObjectNode json) throws IOException, InterruptedException {
        try {
            return send(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }

    private static ObjectNode request(String msgType) {
        return JSON.createObjectNode().put("msgType", msgType);
    }

    private ObjectNode withToken(String msgType) {
        ObjectNode json = request(msgType);
        json.put("deviceMacAddress", mac);
        json.put("deviceId", deviceId);
        json.put("deviceToken", requireToken());
        return json;
    }

    private String requireToken() {
        return deviceToken.orElseThrow(() ->
                new IllegalStateException("no deviceToken: the camera has not registered successfully"));
    }

    /**
     * A parsed answer: its HTTP status and its JSON body (the body as a text node when it is not JSON).
     * Its string form masks every token, since answers end up in test reports and logs.
     */
    public record Answer(int httpStatus, JsonNode body) {

        public Answer {
            Objects.requireNonNull(body, "body");
        }

        static Answer of(int status, String text) {
            try {
                return new Answer(status, JSON.readTree(text.isEmpty() ? "\"\"" : text));
            } catch (JsonProcessingException notJson) {
                return new Answer(status, TextNode.valueOf(text));
            }
        }

        /** Whether errorCode is "0", the platform's success. */
        public boolean ok() {
            return "0".equals(errorCode());
        }

        /** The errorCode, "" when the answer has none. */
        public String errorCode() {
            return text("errorCode").orElse("");
        }

        public String description() {
            return text("description").orElse("");
        }

        /** The answer's msgType, e.g. {@code MSG_P_THD_ADD_CAMERA_RSP}; "" when it has none. */
        public String msgType() {
            return text("msgType").orElse("");
        }

        /** A field of the body as text, when it is there and not empty. */
        public Optional<String> text(String field) {
            JsonNode value = body.path(field);
            return value.isValueNode() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
        }

        @Override
        public String toString() {
            JsonNode shown = body;
            if (body.isObject()) {
                ObjectNode masked = ((ObjectNode) body).deepCopy();
                for (String name : List.copyOf(masked.properties().stream().map(Map.Entry::getKey).toList())) {
                    if (name.toLowerCase(Locale.ROOT).contains("token") && masked.get(name).isValueNode()) {
                        masked.put(name, mask(masked.get(name).asText()));
                    }
                }
                shown = masked;
            }
            return "Answer[httpStatus=" + httpStatus + ", body=" + shown + "]";
        }
    }

    /**
     * What a walk got: every answer in order and how it ended, with what the server handed out on the way.
     *
     * @param serverAddr the HEDGW's address from step 3, {@code serverPort} its port
     */
    public record Walk(List<Answer> answers, Outcome outcome, Optional<String> deviceToken, Optional<String> unifiedId,
                       Optional<String> serverAddr, Optional<String> serverPort) {

        public enum Outcome {
            /** Every step answered errorCode "0". */
            COMPLETE,
            /** An answer's errorCode was not "0", or registering gave no deviceToken: the last answer. */
            FAILED,
            /** A wired camera's polls found no user binding it in time. */
            NOT_BOUND
        }

        public Walk {
            answers = List.copyOf(answers);
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(deviceToken, "deviceToken");
            Objects.requireNonNull(unifiedId, "unifiedId");
            Objects.requireNonNull(serverAddr, "serverAddr");
            Objects.requireNonNull(serverPort, "serverPort");
        }

        public boolean complete() {
            return outcome == Outcome.COMPLETE;
        }

        /** The answer the walk stopped at, when it failed. */
        public Optional<Answer> failure() {
            return outcome == Outcome.FAILED ? Optional.of(answers.get(answers.size() - 1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "Walk[" + outcome + ", answers=" + answers + ", deviceToken=" + deviceToken.map(HemuCamera::mask)
                    + ", unifiedId=" + unifiedId + ", serverAddr=" + serverAddr + ", serverPort=" + serverPort + "]";
        }
    }

    /** A token as it may be shown: its first four characters. */
    static String mask(String token) {
        return token.length() <= 4 ? "****" : token.substring(0, 4) + "…";
    }

    /** The camera's settings; api, trust, accessKey, accessSecret, deviceId, mac and model have no default. */
    public static final class Builder {

        private URI api;
        private Path trust;
        private String accessKey;
        private String accessSecret;
        private String deviceId;
        private String mac;
        private String model;
        private String hardware = "3RD-X01";
        private int features = 17;
        private String firmwareVersion = "1.2.300";
        private String cameraAppVersion = "2.15.200";
        private String wifiSsid = "home";
        private Clock clock = Clock.systemDefaultZone();
        private Pause pause = duration -> Thread.sleep(duration.toMillis());

        private Builder() {
        }

        /** The OpenAPI's base, {@code https://HOST:8443}; the camera posts to {@value HemuCamera#PATH} under it. */
        public Builder api(URI api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        /** The server's certificate (PEM or DER), the only one the camera trusts. */
        public Builder trust(Path certificate) {
            this.trust = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
            return this;
        }

        public Builder accessSecret(String accessSecret) {
            this.accessSecret = Objects.requireNonNull(accessSecret, "accessSecret");
            return this;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            return this;
        }

        public Builder mac(String mac) {
            this.mac = Objects.requireNonNull(mac, "mac");
            return this;
        }

        /** The deviceModelId; not checked here, so that a test can send one the server must refuse. */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The HW of step 1's comment (default 3RD-X01). */
        public Builder hardware(String hardware) {
            this.hardware = Objects.requireNonNull(hardware, "hardware");
            return this;
        }

        /** The FEATURE of step 1's comment (default 17). */
        public Builder features(int features) {
            this.features = features;
            return this;
        }

        public Builder firmwareVersion(String firmwareVersion) {
            this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
            return this;
        }

        public Builder cameraAppVersion(String cameraAppVersion) {
            this.cameraAppVersion = Objects.requireNonNull(cameraAppVersion, "cameraAppVersion");
            return this;
        }

        /** The wifiSSID of step 6 (default home). */
        public Builder wifiSsid(String wifiSsid) {
            this.wifiSsid = Objects.requireNonNull(wifiSsid, "wifiSsid");
            return this;
        }

        /** The camera's own clock, for Created and for the wired wait; its zone gives Created's offset. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder pause(Pause pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /**
         * @throws IllegalArgumentException when a setting without a default is missing or empty, or the api is not https
         * @throws io.alarmhub.gateway.tls.TlsException when the certificate cannot be read
         */
        public HemuCamera build() {
            if (api == null || !"https".equalsIgnoreCase(api.getScheme()) || api.getHost() == null) {
                throw new IllegalArgumentException("api must be an https:// address with a host, e.g. https://192.168.1.10:8443"
                        + (api == null ? "" : " (got " + api + ")"));
            }
            if (trust == null) {
                throw new IllegalArgumentException("trust: the server's certificate file is not set");
            }
            required("accessKey", accessKey);
            required("accessSecret", accessSecret);
            required("deviceId", deviceId);
            required("mac", mac);
            required("model", model);
            return new HemuCamera(this, ServerTls.clientTrusting(trust));
        }

        private static void required(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
