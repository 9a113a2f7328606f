package io.alarmhub.gateway.device;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaStore;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.command.DeviceCommanders;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the node lends every device adapter's listener: one set for all vendors, so that a new vendor needs
 * nothing new from the node.
 *
 * @param loops          the node's Netty event loops
 * @param events         where the adapter hands what devices say
 * @param media          where uploaded pictures and clips are kept
 * @param registry       where the adapter's meters go
 * @param dataDir        {@code data.dir}, which relative paths of a section are resolved against
 * @param store          for the vendor's own records ({@link io.alarmhub.core.store.StoreOp.PutRecord} and the
 *                       rest), beside the events it hands to {@code events}
 * @param apps           where a vendor that has routes for app back ends registers them on the RestServer
 * @param commands       where a vendor whose devices take commands from apps registers its commander
 * @param advertisedHost the host name or address devices and clients reach this node at
 *                       ({@code node.advertised-host}, or the one worked out at start)
 * @param aliasTokens    checks the alias tokens apps' back ends mint, for a vendor's faces that take them
 */
public record DeviceContext(NettyLoops loops, DeviceEvents events, MediaStore media, MeterRegistry registry,
                            Path dataDir, PushStore store, AppApis apps, DeviceCommanders commands,
                            String advertisedHost, AliasTokens aliasTokens) {

    public DeviceContext {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(aliasTokens, "aliasTokens");
    }
}
