package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.gateway.http.HttpServerPipeline;
import io.alarmhub.core.event.DeviceEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the package-private VStarcam pipeline to the fuzz tests ({@code io.alarmhub.gateway.fuzz}). */
public final class VStarcamFuzzAccess {

    private VStarcamFuzzAccess() {
    }

    /** Small limits, so that the fuzzer reaches the "too large" paths. */
    public static final VStarcamSettings SETTINGS = VStarcamFixture.SETTINGS;

    /**
     * What the connections of one fuzz test share: uploads go to {@code dir/uploads}, kept media to
     * {@code dir/kept}; the media store's blocking calls run on the calling thread (the embedded loop).
     */
    public static final class Shared {
        private final VStarcamContext context;
        private final Path uploads;

        public Shared(Path dir, DeviceEvents events, Clock clock) {
            uploads = dir.resolve("uploads");
            try {
                Files.createDirectories(uploads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context = new VStarcamContext(SETTINGS.withUploadDir(uploads), events,
                    new KeepingMediaStore(dir.resolve("kept")), Runnable::run,
                    new VStarcamMetrics(new SimpleMeterRegistry()), new UploadDataFactory(uploads), clock);
        }

        /** The upload directory: every part the decoder spooled must be gone once a connection is done. */
        public Path uploads() {
            return uploads;
        }

        /**
         * One camera connection as the listener builds it, except that responses are left as
         * {@code HttpResponse} objects (no encoder) so that the test can check each one.
         */
        public EmbeddedChannel connection() {
            EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder());
            HttpServerPipeline.builder(new VStarcamFace(context.settings(), context.metrics())).build()
                    .installAfterCodec(channel.pipeline());
            channel.pipeline().addLast(new VStarcamHandler(context));
            return channel;
        }
    }
}
