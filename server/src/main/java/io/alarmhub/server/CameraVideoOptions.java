package io.alarmhub.server;

import io.alarmhub.video.VideoException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code hemu camera}'s options for streaming media files as a camera uploads them ({@link CameraVideo}): what
 * to send, on which channel, and how its packages' fields start.
 */
final class CameraVideoOptions {

    /** How long before now an SD card's recording ended: its {@code ipcam_time}s are in the past. */
    static final Duration SD_CARD_AGE = Duration.ofHours(1);

    private static final long UINT32 = 1L << 32;

    @Option(names = "--video", paramLabel = "FILE",
            description = "with --hedgw: stream this raw H.264 (.h264) or H.265 (.h265) Annex B file, logging in "
                    + "with its codec and picture size; docs/hemu.md says how ffmpeg makes one")
    Optional<Path> video = Optional.empty();

    @Option(names = "--audio", paramLabel = "FILE",
            description = "with --hedgw: stream this raw 8 kHz mono G.711 A-law (.alaw) or G.726-32 (.g726) file")
    Optional<Path> audio = Optional.empty();

    @Option(names = "--loop", description = "start each file over at its end, until --stay ends or forever")
    boolean loop;

    @Option(names = "--start-time", paramLabel = "MS", defaultValue = "0",
            description = "the first start_time, 0 to 4294967295; it wraps to 0 (default: ${DEFAULT-VALUE})")
    long startTime;

    @Option(names = "--control-flag", paramLabel = "N",
            description = "control_flag on every package: 1 an event's upload, 2 a viewer's (event plan)")
    Optional<Integer> controlFlag = Optional.empty();

    @Option(names = "--sd-card",
            description = "log in on the SD-card channel (channel_id 1) and upload the files once, as fast as "
                    + "the connection takes them, whatever the plan, with the ipcam_time of a recording that ended "
                    + "an hour ago")
    boolean sdCard;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "25",
            description = "the video's frame rate, 1 to 60 (default: ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--audio-packet", paramLabel = "MS", defaultValue = "40",
            description = "audio packets of 20 or 40 ms (default: ${DEFAULT-VALUE})")
    int audioPacketMillis;

    /** Whether there is something to stream. */
    boolean streams() {
        return video.isPresent() || audio.isPresent();
    }

    /** Refuses what cannot work together; {@code toHedgw}: whether the camera goes on to the HEDGW. */
    void check(CommandSpec spec, boolean toHedgw) {
        if (!streams()) {
            for (String name : List.of("--loop", "--start-time", "--control-flag", "--sd-card", "--fps",
                    "--audio-packet")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw refused(spec, name + " needs --video or --audio");
                }
            }
            return;
        }
        if (!toHedgw) {
            throw refused(spec, "--video and --audio need --hedgw (or --hedgw-address)");
        }
        if (sdCard && loop) {
            throw refused(spec, "--sd-card uploads a recording once: not with --loop");
        }
        if (startTime < 0 || startTime >= UINT32) {
            throw refused(spec, "--start-time must be 0 to 4294967295, a uint32");
        }
        if (controlFlag.isPresent() && controlFlag.get() != 1 && controlFlag.get() != 2) {
            throw refused(spec, "--control-flag must be 1 (event) or 2 (viewer)");
        }
    }

    /** Reads the files; empty when none is given. */
    Optional<VideoSource> open(CommandSpec spec) {
        if (!streams()) {
            return Optional.empty();
        }
        try {
            return Optional.of(VideoSource.open(video, audio, fps, audioPacketMillis));
        } catch (IOException | VideoException | IllegalArgumentException e) {
            throw refused(spec, "cannot stream: " + e.getMessage());
        }
    }

    int channelId() {
        return sdCard ? HedgwCamera.CHANNEL_SD_CARD : HedgwCamera.CHANNEL_LIVE;
    }

    /** The upload of {@code source}, not started, its clocks set from {@code nowMillis}. */
    CameraVideo video(VideoSource source, CameraVideo.Sender sender, long nowMillis, Consumer<String> lines) {
        long ipcamStart = sdCard ? nowMillis - SD_CARD_AGE.toMillis() - source.durationMillis() : nowMillis;
        MediaPackets packets = new MediaPackets(source, new MediaPackets.Settings(startTime, ipcamStart,
                controlFlag.map(OptionalInt::of).orElse(OptionalInt.empty()), loop, 0));
        return new CameraVideo(packets, sender, sdCard ? CameraVideo.Pacing.unpaced() : CameraVideo.Pacing.realTime(),
                sdCard ? CameraVideo.Channel.SD_CARD : CameraVideo.Channel.LIVE, lines);
    }

    private static ParameterException refused(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
