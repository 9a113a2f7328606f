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

    private final BiConsumer<String, IpCamMessage.Answer> answers;
    private final IpCamInbox reports;
    private final BiConsumer<String, IpCamMessage.FirmwareProgress> firmware;

    /**
     * @param answers  the commands waiting for cameras' answers (the command package's {@code WaitingAnswers})
     * @param reports  takes statistics, resolution changes and panorama pictures
     * @param firmware where firmware progress reports go: the rollouts (must not block)
     */
    public IpCamDesk(BiConsumer<String, IpCamMessage.Answer> answers, IpCamInbox reports,
                     BiConsumer<String, IpCamMessage.FirmwareProgress> firmware) {
        this.answers = answers;
        this.reports = reports;
        this.firmware = firmware;
    }

    @Override
    public void accept(String deviceId, IpCamMessage message) {
        if (message instanceof IpCamMessage.Answer answer) {
            answers.accept(deviceId, answer);
            return;
        }
        if (message instanceof IpCamMessage.Statistics || message instanceof IpCamMessage.Resolution
                || message instanceof IpCamMessage.PanoramaPicture) {
            reports.accept(deviceId, message);
            return;
        }
        if (message instanceof IpCamMessage.FirmwareProgress progress) {
            firmware.accept(deviceId, progress);
            return;
        }
        // Unreadable: the gateway counts these and does not hand them on; one that came anyway is dropped.
        log.debug("hemu: camera {} sent {}, which nothing handles", deviceId, message.getClass().getSimpleName());
    }
}
