package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.server.HemuCamera;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A server with two Hemu manufacturers configured, their secrets in files only the server's user reads:
 * {@code acme} (model {@code acme_cam1}), and {@code Zhejiang}, whose key and secret are the document's own
 * example (1.2.2.3), with the document's model {@code Zhejiang_zj_cnmobile_001}.
 */
final class HemuFixture {

    static final String ACME_SECRET = "Qm4cX9tV2bL7pR1sK8dZ";
    static final String ZHEJIANG_SECRET = "XgijVJq7elp94Ax3cKvq";
    static final String DEVICE = "110234567894562";
    static final String MAC = "2059a074e0bc";

    private HemuFixture() {
    }

    static ServerProcess server(Path dir) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("data").resolve("hemu"));
        secret(secrets.resolve("acme.secret"), ACME_SECRET);
        secret(secrets.resolve("zhejiang.secret"), ZHEJIANG_SECRET);
        return new ServerProcess(dir).with("hemu", "manufacturers:",
                "  - {name: Acme, access-key: acme, secret-file: hemu/acme.secret, models: [acme_cam1]}",
                "  - {name: Zhejiang, access-key: Zhejiang, secret-file: hemu/zhejiang.secret,"
                        + " models: [Zhejiang_zj_cnmobile_001]}");
    }

    private static void secret(Path file, String secret) throws IOException {
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static Path certificate(ServerProcess server) {
        return server.dir.resolve("data").resolve("tls").resolve("server.crt");
    }

    static int port(ServerProcess server) {
        return server.devicePorts.get("hemu.port");
    }

    static OpenApiClient acme(ServerProcess server) {
        return new OpenApiClient(port(server), certificate(server), "acme", ACME_SECRET);
    }

    static HemuCamera camera(ServerProcess server, String deviceId, String mac) {
        return HemuCamera.builder().api(URI.create("https://127.0.0.1:" + port(server)))
                .trust(certificate(server)).accessKey("acme").accessSecret(ACME_SECRET).deviceId(deviceId).mac(mac)
                .model("acme_cam1").build();
    }

    /** A registration token for {@code alias}, as its app's back end asks for one. */
    static JsonNode grant(RestClient rest, String alias, String mobile) throws IOException, InterruptedException {
        return rest.postOk("/hemu/grant", "{\"alias\":\"" + alias + "\",\"mobile\":\"" + mobile + "\"}");
    }
}
