package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.netty.channel.Channel;

import java.util.Optional;

/** The platform's way to the cameras logged in here: their live connections in {@link HedgwSessions}. */
public final class HedgwLink implements CameraLink {

    private final HedgwSessions sessions;

    public HedgwLink(HedgwSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean connected(String deviceId) {
        return live(deviceId).isPresent();
    }

    @Override
    public boolean send(String deviceId, AppCommand command) {
        return write(deviceId, HedgwMessages.appCommand(command));
    }

    @Override
    public boolean send(String deviceId, ServerCommand command) {
        return write(deviceId, HedgwMessages.serverCommand(command));
    }

    private boolean write(String deviceId, HEDGWMessage message) {
        Optional<Channel> live = live(deviceId);
        live.ifPresent(c -> c.writeAndFlush(message));
        return live.isPresent();
    }

    private Optional<Channel> live(String deviceId) {
        return sessions.live(deviceId).map(HedgwSessions.Session::connection).filter(Channel::isActive);
    }
}
