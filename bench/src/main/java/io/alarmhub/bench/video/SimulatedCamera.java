package io.alarmhub.bench.video;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.server.AnsweringCamera;
import io.alarmhub.server.CameraVideo;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.MediaPackets;
import io.alarmhub.server.VideoSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One camera of the fleet, as the server's own simulator makes it ({@code alarmhub hemu camera --hedgw --video
 * --audio --loop}): its own HEDGW connection over TLS 1.2, logged in on the live channel, streaming its files in
 * a loop in real time on a thread of its own ({@link CameraVideo}), pinging every {@code ping_pong_span} and
 * hearing the server on another ({@link AnsweringCamera}). Commands are not answered: the bench sends none.
 */
final class SimulatedCamera implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AnsweringCamera answering;
    private final CameraVideo video;

    private SimulatedCamera(AnsweringCamera answering, CameraVideo video) {
        this.answering = answering;
        this.video = video;
    }

    /** Connects, logs in and starts streaming; fails when the login is refused. */
    static SimulatedCamera start(int hedgwPort, Path certificate, HedgwCamera.LoginParameters login,
                                 VideoSource source) throws IOException {
        HedgwCamera connection = HedgwCamera.connect("127.0.0.1", hedgwPort, certificate, TIMEOUT);
        try {
            Hedgw.DevLoginResp answer = connection.login(login, source.streamSettings());
            if (answer.getResult() != 0) {
                throw new IOException(login.deviceId() + ": the HEDGW refused the login, result " + answer.getResult());
            }
            MediaPackets packets = new MediaPackets(source, new MediaPackets.Settings(0, System.currentTimeMillis(),
                    OptionalInt.empty(), true, 0));
            CameraVideo video = new CameraVideo(packets, connection::sendMedia, CameraVideo.Pacing.realTime(),
                    CameraVideo.Channel.LIVE, line -> { });
            video.loggedIn(answer);
            Duration span = Duration.ofSeconds(answer.getPingPongSpan() > 0 ? answer.getPingPongSpan() : 30);
            AnsweringCamera answering = new AnsweringCamera(connection, command -> Optional.empty(),
                    (command, none) -> { }, video::heard).start(span);
            return new SimulatedCamera(answering, video.start());
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    CameraVideo.Sent sent() {
        return video.sent();
    }

    /** Why it stopped streaming or its connection ended, if it did. */
    Optional<IOException> failure() {
        return video.failure().or(answering::failure);
    }

    @Override
    public void close() throws IOException {
        video.close();
        answering.close();
    }
}
