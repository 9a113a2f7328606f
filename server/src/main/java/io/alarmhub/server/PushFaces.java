package io.alarmhub.server;

import io.alarmhub.core.auth.AppTokens;
import io.alarmhub.gateway.Listener;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.app.AppApis;
import io.alarmhub.gateway.push.rest.PushCluster;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.rest.PushNode;
import io.alarmhub.gateway.push.rest.RestListener;
import io.alarmhub.gateway.push.rest.RestSettings;
import io.alarmhub.gateway.push.rest.ServicePorts;
import io.alarmhub.gateway.push.socketio.SocketIoListener;
import io.alarmhub.gateway.push.socketio.SocketIoSettings;
import io.alarmhub.gateway.push.tcp.PushTcpListener;
import io.alarmhub.gateway.push.tcp.TcpPushSettings;
import io.alarmhub.gateway.push.websocket.WebSocketListener;
import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.RestSection;
import io.alarmhub.server.config.SocketIoSection;
import io.alarmhub.server.config.TcpSection;
import io.alarmhub.server.config.WebSocketSection;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/** Builds the four push listeners from the configuration; the RestServer serves the vendors' app routes too. */
final class PushFaces {

    private PushFaces() {
    }

    static List<Listener> create(AlarmhubConfig config, String advertisedHost, NettyLoops loops,
                                 PushContext context, AppTokens tokens, MeterRegistry registry, AppApis apps) {
        ServicePorts ports = new ServicePorts(config.rest().port(), config.websocket().port(),
                config.socketio().port(), config.tcp().port());
        PushNode self = new PushNode(advertisedHost, ports);
        RestSection rest = config.rest();
        TcpSection tcp = config.tcp();
        WebSocketSection ws = config.websocket();
        SocketIoSection sio = config.socketio();
        return List.of(
                new RestListener(new RestSettings(rest.host(), rest.port(), rest.maxBodyBytes(), rest.idleTimeout(),
                        rest.pageSize(), rest.requestTimeout()), loops, context, tokens,
                        PushCluster.single(self, context.hub().presence()), registry, apps),
                new PushTcpListener(loops, context, registry, new TcpPushSettings(tcp.host(), tcp.port(),
                        tcp.maxLineBytes(), tcp.idleTimeout(), tcp.maxBadLines(), tcp.maxInFlight(),
                        tcp.writeBufferLowBytes(), tcp.writeBufferHighBytes(), tcp.lineTimeout())),
                new WebSocketListener(loops, context, registry, new WebSocketSettings(ws.host(), ws.port(),
                        ws.maxFrameBytes(), ws.idleTimeout(), ws.maxBadFrames(), ws.maxInFlight(),
                        ws.writeBufferLowBytes(), ws.writeBufferHighBytes())),
                new SocketIoListener(new SocketIoSettings(sio.host(), sio.port(), sio.pingInterval(),
                        sio.pingTimeout(), sio.firstDataTimeout(), sio.maxFramePayloadBytes(),
                        sio.maxHttpContentBytes(), sio.workerThreads(), sio.writeBufferHighBytes(),
                        sio.maxQueuedPackets(), sio.maxInFlight()), context, registry));
    }
}
