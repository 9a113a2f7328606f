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

    /**
     * @param answers the commands waiting for cameras' answers (the command package's {@code WaitingAnswers})
     * @param reports takes statistics, resolution changes and panorama pictures
     */
    public IpCamDesk(BiConsumer<String, IpCamMessage.Answer> answers, IpCamInbox reports) {
        this.answers = answers;
        this.reports = reports;
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
        // Each part registers here as it is built; until then a message is read, counted and dropped.
        log.debug("hemu: camera {} sent {}, which nothing handles", deviceId, message.getClass().getSimpleName());
    }
}
