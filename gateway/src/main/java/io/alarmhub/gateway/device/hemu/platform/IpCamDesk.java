package io.alarmhub.gateway.device.hemu.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

/**
 * Hands each {@code DevIpCamCmd} to the part of the platform it concerns: answers to the commands waiting for
 * them, firmware progress to the rollouts, statistics to the daily statistics, pictures to the panoramas,
 * a resolution change to the owners as a status event.
 */
public final class IpCamDesk implements IpCamInbox {

    private static final Logger log = LoggerFactory.getLogger(IpCamDesk.class);

    private final BiConsumer<String, IpCamMessage.FirmwareProgress> firmware;

    /** @param firmware where firmware progress reports go: the rollouts (must not block) */
    public IpCamDesk(BiConsumer<String, IpCamMessage.FirmwareProgress> firmware) {
        this.firmware = firmware;
    }

    @Override
    public void accept(String deviceId, IpCamMessage message) {
        if (message instanceof IpCamMessage.FirmwareProgress progress) {
            firmware.accept(deviceId, progress);
            return;
        }
        // Each part registers here as it is built; until then a message is read, counted and dropped.
        log.debug("hemu: camera {} sent {}, which nothing handles", deviceId, message.getClass().getSimpleName());
    }
}
