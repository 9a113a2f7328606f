package io.alarmhub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.alarmhub.gateway.tls.SelfSigned;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in Hemu OpenAPI on loopback for testing the camera simulator without our server: an HTTPS
 * server with a freshly generated self-signed certificate that records every request, checks its signature
 * and WSSE digest with code of its own (not {@link HemuAuth}'s), and answers scripted JSON.
 */
final class FakeHemuApi implements AutoCloseable {

    static final String DEVICE_TOKEN = "dt-5f1c0a9e77b24c3d";
    static final String UNIFIED_ID = "HM0000001";
    static final String HEDGW_ADDR = "10.20.30.40";
    static final String HEDGW_PORT = "9300";
    /** How far a request's Created may be from this server's clock before it answers 401. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WSSE = Pattern.compile("UsernamePwd Username=\"([^\"]*)\", PasswordDigest=\"([^\"]*)\", "
            + "Nonce=\"([^\"]*)\", Created=\"([^\"]*)\"");
    private static final Pattern CREATED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");

    /** One request as it arrived. */
    record Request(String body, Map<String, String> form, JsonNode json, String contentType, String authorization,
                   String wsse, String username, String nonce, String created, String protocol) {

        String msgType() {
            return json.path("msgType").asText();
        }
    }

    private record Scripted(int status, String body) {
    }

    private final HttpsServer server;
    private final Path certificate;
    private final String accessKey;
    private final String accessSecret;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** What a request did wrong by this server's own checks; a test expects none. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> script = new ConcurrentHashMap<>();

    /** Listens with TLS 1.3 and 1.2, so that a test sees which one the client picks. */
    FakeHemuApi(Path dir, String accessKey, String accessSecret) throws IOException, GeneralSecurityException {
        this(dir, accessKey, accessSecret, new String[]{"TLSv1.3", "TLSv1.2"});
    }

    FakeHemuApi(Path dir, String accessKey, String accessSecret, String[] protocols)
            throws IOException, GeneralSecurityException {
        this.accessKey = accessKey;
        this.accessSecret = accessSecret;
        SelfSigned.Generated generated = SelfSigned.generate(List.of());
        this.certificate = dir.resolve("server.crt");
        generated.write(certificate, dir.resolve("server.key"));

        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", generated.privateKey(), password, new Certificate[]{generated.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setProtocols(protocols);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/andmu/v2/service/batch", this::serve);
        server.start();
    }

    URI api() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    Path certificate() {
        return certificate;
    }

    /** The next request of {@code requestType} gets this answer instead of the usual one. */
    void script(String requestType, int status, String body) {
        script.computeIfAbsent(requestType, type -> new ArrayDeque<>()).add(new Scripted(status, body));
    }

    List<String> msgTypes() {
        return requests.stream().map(Request::msgType).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = form(body);
            JsonNode json = JSON.readTree(form.getOrDefault("jsonObject", "{}"));
            String wsse = exchange.getRequestHeaders().getFirst("X-WSSE");
            Matcher fields = WSSE.matcher(wsse == null ? "" : wsse);
            boolean wsseReadable = fields.matches();
            Request request = new Request(body, form, json, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), wsse,
                    wsseReadable ? fields.group(1) : "", wsseReadable ? fields.group(3) : "",
                    wsseReadable ? fields.group(4) : "", ((HttpsExchange) exchange).getSSLSession().getProtocol());
            requests.add(request);

            String problem = check(request, wsseReadable ? fields.group(2) : "");
            if (!problem.isEmpty()) {
                problems.add(request.msgType() + ": " + problem);
                reply(exchange, 400, "{\"errorCode\":\"99\",\"description\":\"" + problem + "\"}");
                return;
            }
            Deque<Scripted> next = script.get(request.msgType());
            Scripted scripted = next == null ? null : next.poll();
            if (scripted != null) {
                reply(exchange, scripted.status(), scripted.body());
            } else if (Duration.between(OffsetDateTime.parse(request.created()).toInstant(), Instant.now()).abs()
                    .compareTo(SKEW) > 0) {
                // The JDK server sets the Date header itself (RFC 1123), whatever a handler puts there.
                reply(exchange, 401, "{\"errorCode\":\"401\",\"description\":\"Created is off\"}");
            } else {
                reply(exchange, 200, usual(request));
            }
        }
    }

    /** What is wrong with the request, by the document; "" when nothing is. */
    private String check(Request request, String digest) {
        if (request.wsse() == null || request.username().isEmpty()) {
            return "no readable X-WSSE";
        }
        if (!request.nonce().matches("[A-Z0-9]{16}")) {
            return "nonce " + request.nonce();
        }
        if (!CREATED.matcher(request.created()).matches()) {
            return "created " + request.created();
        }
        if (!digest.equals(base64(sha1(request.nonce() + request.created() + accessSecret)))) {
            return "PasswordDigest";
        }
        if (!request.username().equals(accessKey + "-" + request.json().path("deviceId").asText())) {
            return "username " + request.username();
        }
        if (!accessKey.equals(request.form().get("accessKey"))) {
            return "accessKey";
        }
        String jsonObject = request.form().getOrDefault("jsonObject", "");
        if (!HexFormat.of().formatHex(md5(accessSecret + "accessKey=" + accessKey + "jsonObject=" + jsonObject))
                .equals(request.form().get("signature"))) {
            return "signature";
        }
        return "";
    }

    private static String usual(Request request) {
        String type = request.msgType().replaceFirst("_REQ$", "_RSP");
        String extra = switch (request.msgType()) {
            case "MSG_P_THD_ADD_CAMERA_REQ" -> ",\"deviceToken\":\"" + DEVICE_TOKEN + "\",\"unifiedId\":\"" + UNIFIED_ID + "\"";
            case "MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ" -> ",\"serverAddr\":\"" + HEDGW_ADDR + "\",\"serverPort\":\"" + HEDGW_PORT + "\"";
            case "MSG_P_THD_GET_CAMERA_SETTINGS_REQ" -> ",\"camRW\":{\"status\":\"On\",\"motionDetection\":1}";
            case "MSG_P_THD_GET_CAMERA_BIND_INFO_REQ" -> ",\"userMobile\":\"13900139000\",\"userToken\":\"wired-user-token\"";
            default -> "";
        };
        return "{\"errorCode\":\"0\",\"description\":\"\",\"msgType\":\"" + type + "\"" + extra + "}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static byte[] md5(String text) {
        return digest("MD5", text);
    }

    static byte[] sha1(String text) {
        return digest("SHA-1", text);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
