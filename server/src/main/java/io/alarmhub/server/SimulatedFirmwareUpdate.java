package io.alarmhub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A simulated camera's firmware update, as 5.2.9.14 and 5.2.11.2 describe it: told to upgrade ({@code DevAppCmd}
 * type 33, {@code request} 4097), it reports status 1 (download started), downloads the package from the
 * command's {@code url} checking its MD5 against {@code checkSum} while reporting 2 (downloading), then 3
 * (downloaded), 5 (install started) and 6 (installing) on its HEDGW connection; it "reboots" (closes the
 * connection, connects and logs in again, as {@link Reboot} does it), reports 7 (installed) on the new
 * connection, as the document says a camera does after its reboot, and its new version through the OpenAPI
 * ({@code MSG_P_THD_SET_CAMERA_INFO_REQ}). A download that fails (an HTTP error, a wrong MD5, or
 * {@link Outcome#FAIL_DOWNLOAD}) is reported 4 with a comment, and the update stops there.
 *
 * <p>{@link #handles} tells a camera's command loop which messages are for this class, and {@link #run} does the
 * rest: the loop hands over its connection and takes back the one the camera has after the update. Blocking;
 * one update at a time.
 */
public final class SimulatedFirmwareUpdate {

    /** {@code DevAppCmd.type} of an app's (or the platform's) command. */
    public static final int APP_COMMAND = 33;
    /** {@code request} of the upgrade command. */
    public static final int UPGRADE = 4097;
    /** {@code request} of a progress report. */
    public static final int PROGRESS = 2049;
    /** {@code DevIpCamCmd.type} of a progress report. */
    public static final int PROGRESS_TYPE = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    /** What the simulated camera does with the package. */
    public enum Outcome {
        /** Downloads, installs, reboots and reports the new version. */
        INSTALL,
        /** Starts the download, then reports it failed (4): its flash is full. */
        FAIL_DOWNLOAD
    }

    /** How the camera comes back after its reboot: a new HEDGW connection on the live channel, logged in. */
    @FunctionalInterface
    public interface Reboot {
        HedgwCamera reconnect() throws IOException;
    }

    /**
     * The upgrade command as the camera reads it.
     *
     * @param serviceType 1 firmware, 2 camera app
     */
    public record Command(long msgSession, int serviceType, URI url, String newServiceVersion, String checkSum) {

        public Command {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(newServiceVersion, "newServiceVersion");
            Objects.requireNonNull(checkSum, "checkSum");
        }

        /** The command in a {@code DevAppCmd}, when it is an upgrade command with everything a camera needs. */
        public static Optional<Command> of(Hedgw.DevAppCmd command) {
            if (command.getType() != APP_COMMAND || !command.hasMsg()) {
                return Optional.empty();
            }
            try {
                JsonNode msg = JSON.readTree(command.getMsg());
                JsonNode content = msg.path("msgContent");
                JsonNode params = content.path("requestParams");
                if (content.path("request").asInt() != UPGRADE || !params.path("url").isTextual()) {
                    return Optional.empty();
                }
                return Optional.of(new Command(msg.path("msgSession").asLong(), params.path("serviceType").asInt(),
                        URI.create(params.path("url").asText()), params.path("newServiceVersion").asText(),
                        params.path("checkSum").asText().toLowerCase(Locale.ROOT)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** How the update ended, and the connection the camera has now (a new one after a reboot). */
    public record Result(boolean installed, HedgwCamera connection) {
    }

    private final String deviceId;
    private final HemuCamera openApi;
    private final String firmwareVersion;
    private final String cameraAppVersion;
    private final Outcome outcome;
    private final Consumer<String> log;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * @param openApi          the camera's OpenAPI client, registered (it reports the new version)
     * @param firmwareVersion  the firmware the camera has before the update
     * @param cameraAppVersion the camera app it has before the update
     * @param log              sees one line per report, for a command's output
     */
    public SimulatedFirmwareUpdate(String deviceId, HemuCamera openApi, String firmwareVersion,
                                   String cameraAppVersion, Outcome outcome, Consumer<String> log) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.openApi = Objects.requireNonNull(openApi, "openApi");
        this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        this.cameraAppVersion = Objects.requireNonNull(cameraAppVersion, "cameraAppVersion");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Clock.systemUTC();
    }

    /** Whether the message is an upgrade command, which {@link #run} carries out. */
    public static boolean handles(Hedgw.HEDGWMessage message) {
        return message.getMessageType() == Hedgw.HEDGWMessage.MessageType.DevAppCmd && message.hasDevAppCmd()
                && Command.of(message.getDevAppCmd()).isPresent();
    }

    /**
     * Carries out the upgrade command: downloads, reports, reboots (through {@code reboot}) and reports the new
     * version; or reports a failed download and stops. The connection given is closed by the reboot.
     */
    public Result run(HedgwCamera connection, Command command, Reboot reboot) throws IOException, InterruptedException {
        String newFirmware = command.serviceType() == 1 ? command.newServiceVersion() : firmwareVersion;
        String newApp = command.serviceType() == 2 ? command.newServiceVersion() : cameraAppVersion;
        Versions reported = new Versions(newFirmware, newApp);
        report(connection, command, 1, 0, 0, "", reported);
        if (outcome == Outcome.FAIL_DOWNLOAD) {
            report(connection, command, 4, 0, 0, "simulated: no space left on flash for the package", reported);
            return new Result(false, connection);
        }
        Downloaded downloaded;
        try {
            downloaded = download(connection, command, reported);
        } catch (IOException e) {
            report(connection, command, 4, 0, 0, "download failed: " + e.getMessage(), reported);
            return new Result(false, connection);
        }
        if (!downloaded.md5().equals(command.checkSum())) {
            report(connection, command, 4, downloaded.size(), downloaded.size(), "checkSum mismatch: the package's"
                    + " MD5 is " + downloaded.md5(), reported);
            return new Result(false, connection);
        }
        report(connection, command, 3, downloaded.size(), downloaded.size(), "", reported);
        report(connection, command, 5, 0, downloaded.size(), "", reported);
        report(connection, command, 6, downloaded.size() / 2, downloaded.size(), "", reported);
        connection.close();
        log.accept("rebooting");
        HedgwCamera rebooted = reboot.reconnect();
        report(rebooted, command, 7, downloaded.size(), downloaded.size(), "", reported);
        HemuCamera.Answer answer = openApi.reportInfo(newFirmware, newApp);
        log.accept(answer.msgType() + " errorCode " + answer.errorCode() + " firmwareVersion " + newFirmware
                + " cameraAppVersion " + newApp);
        return new Result(answer.ok(), rebooted);
    }

    private record Versions(String firmware, String app) {
    }

    private record Downloaded(long size, String md5) {
    }

    /** Reads the package from its URL, reporting 2 at the start and each quarter of it. */
    private Downloaded download(HedgwCamera connection, Command command, Versions reported)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(command.url())
                .timeout(DOWNLOAD_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(0);
            MessageDigest md5 = md5();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            long next = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                md5.update(buffer, 0, n);
                size += n;
                if (total > 0 && size >= next) {
                    report(connection, command, 2, size, total, "", reported);
                    next = size + total / 4;
                }
            }
            return new Downloaded(size, HexFormat.of().formatHex(md5.digest()));
        }
    }

    /** One {@code DevIpCamCmd} type 1 with the document's {@code msg} (numbers as text, as its example has them). */
    private void report(HedgwCamera connection, Command command, int status, long current, long total,
                        String comment, Versions versions) throws IOException {
        ObjectNode msg = JSON.createObjectNode().put("msgTimeStamp", clock.instant().getEpochSecond())
                .put("msgSession", command.msgSession()).put("msgSequence", 0).put("msgCategory", "camera");
        ObjectNode content = msg.putObject("msgContent").put("request", PROGRESS);
        content.putObject("requestParams").put("firmwareversion", versions.firmware())
                .put("cameraappversion", versions.app()).put("status", Integer.toString(status))
                .put("currentSize", Long.toString(current)).put("totalSize", Long.toString(total))
                .put("comment", comment);
        connection.send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.DevIpCamCmd)
                .setDevIpcamCmd(Hedgw.DevIpCamCmd.newBuilder().setType(PROGRESS_TYPE).setSrcDeviceId(deviceId)
                        .setMsg(msg.toString())).build());
        log.accept("DevIpCamCmd 2049 status " + status + (total > 0 ? " " + current + "/" + total : "")
                + (comment.isEmpty() ? "" : " (" + comment + ")"));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
