package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The media of a simulated camera that stays connected ({@code hemu camera --hedgw}): the upload of its files
 * ({@link CameraVideo}), when it has some, on the connection in use, which a firmware upgrade's reboot replaces;
 * and an app's talk that it hears ({@link TalkAudio}), written to a file as it comes when one is given. Closing it stops the upload and prints what was sent and
 * heard.
 */
final class CameraMedia implements AutoCloseable {

    private final AtomicReference<HedgwCamera> current;
    private final AtomicBoolean rebooting = new AtomicBoolean();
    private final OutputStream talkOut;
    private final TalkAudio talk;
    private final Optional<CameraVideo> video;
    private final PrintWriter out;

    /**
     * @param login   the answer to the login on {@code connection}: it tells the plan
     * @param talkOut the file the talk's A-law is written to as it comes, created or emptied now
     */
    CameraMedia(HedgwCamera connection, Hedgw.DevLoginResp login, Optional<VideoSource> source,
                CameraVideoOptions options, Optional<Path> talkOut, PrintWriter out) throws IOException {
        this.current = new AtomicReference<>(connection);
        this.out = out;
        this.talkOut = talkOut.isPresent() ? Files.newOutputStream(talkOut.get()) : OutputStream.nullOutputStream();
        this.talk = new TalkAudio(this.talkOut);
        this.video = source.map(s -> options.video(s, this::send, System.currentTimeMillis(), this::print));
        video.ifPresent(v -> v.loggedIn(login));
    }

    /** Every message the camera reads: its plan and viewers for the upload, talk for the ears. */
    void heard(Hedgw.HEDGWMessage message) {
        talk.accept(message);
        video.ifPresent(v -> v.heard(message));
    }

    void start() {
        video.ifPresent(CameraVideo::start);
    }

    /** Whether there is an upload and it has ended: its files were sent (or sending failed). */
    boolean uploaded() {
        return video.map(CameraVideo::finished).orElse(false);
    }

    Optional<IOException> failure() {
        return video.flatMap(CameraVideo::failure);
    }

    HedgwCamera connection() {
        return current.get();
    }

    /** Carries out a firmware upgrade; the upload goes on on the connection it leaves the camera on, returned. */
    HedgwCamera upgrade(SimulatedFirmwareUpdate firmware, SimulatedFirmwareUpdate.Command command,
                        SimulatedFirmwareUpdate.Reboot reboot) throws IOException, InterruptedException {
        rebooting.set(true);
        try {
            current.set(firmware.run(current.get(), command, reboot).connection());
            return current.get();
        } finally {
            rebooting.set(false);
        }
    }

    @Override
    public void close() {
        video.ifPresent(CameraVideo::close);
        video.ifPresent(v -> print(v.sent().toString()));
        if (talk.packets() > 0) {
            print("talk: " + talk.bytes() + " bytes of A-law in " + talk.packets() + " packets");
        }
        talk.copyFailure().ifPresent(e -> print("talk: could not write what was heard: " + e));
        try {
            talkOut.close();
        } catch (IOException e) {
            print("talk: could not write what was heard: " + e);
        }
    }

    /** Sends on the connection in use; a camera that reboots drops what falls due meanwhile. */
    private void send(Hedgw.TDMediaPackage media) throws IOException {
        try {
            current.get().sendMedia(media);
        } catch (IOException e) {
            if (!rebooting.get()) {
                throw e;
            }
        }
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
