package io.alarmhub.gateway.device;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.gateway.NettyLoops;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the node lends every device adapter's listener: one set for all vendors, so that a new vendor needs
 * nothing new from the node.
 *
 * @param loops    the node's Netty event loops
 * @param events   where the adapter hands what devices say
 * @param media    where uploaded pictures and clips are kept
 * @param registry where the adapter's meters go
 * @param dataDir  {@code data.dir}, which relative paths of a section are resolved against
 */
public record DeviceContext(NettyLoops loops, DeviceEvents events, MediaStore media, MeterRegistry registry,
                            Path dataDir) {

    public DeviceContext {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
