package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/** The platform's way to the cameras logged in here: their live connections in {@link HedgwSessions}. */
public final class HedgwLink implements CameraLink {

    private final HedgwSessions sessions;
    private final List<BiConsumer<String, Integer>> planListeners = new CopyOnWriteArrayList<>();

    public HedgwLink(HedgwSessions sessions) {
        this.sessions = sessions;
    }

    /** Told of each plan sent to a connected camera ({@code DevServerCmd} 7): its device id and status. */
    public void onPlanSent(BiConsumer<String, Integer> listener) {
        planListeners.add(listener);
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
        boolean sent = write(deviceId, HedgwMessages.serverCommand(command));
        if (sent && command instanceof ServerCommand.Plan plan) {
            planListeners.forEach(listener -> listener.accept(deviceId, plan.deviceStatus()));
        }
        return sent;
    }

    /**
     * Writes one package of two-way talk ({@link HedgwMessages#talk}) to the camera's live connection, from any
     * thread; false, with nothing written, when the camera has none here or its connection is not writable (its
     * write buffer is over the high watermark). Talk is real time: a packet that would wait behind a stalled
     * connection is worth less than the next one, so it is dropped rather than queued.
     */
    public boolean sendTalk(String deviceId, HEDGWMessage talk) {
        Optional<Channel> live = live(deviceId).filter(Channel::isWritable);
        live.ifPresent(c -> c.writeAndFlush(talk));
        return live.isPresent();
    }

    /**
     * Runs on the connection's event loop, where its handler logs in, answers and goes offline, once it has checked
     * there that the connection is still the camera's live one.
     */
    @Override
    public CompletableFuture<Boolean> onLiveConnection(String deviceId, Runnable work) {
        Optional<HedgwSessions.Session> session = sessions.live(deviceId);
        if (session.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        Channel connection = session.get().connection();
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        try {
            connection.eventLoop().execute(() -> {
                boolean live = connection.isActive()
                        && sessions.live(deviceId).filter(s -> s == session.get()).isPresent();
                try {
                    if (live) {
                        work.run();
                    }
                    ran.complete(live);
                } catch (RuntimeException e) {
                    ran.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            ran.complete(false);
        }
        return ran;
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
