package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A {@link SocketIOServer} that tells which address it bound (netty-socketio keeps its server channel to
 * itself, and a listener started on port 0 must report the port it got) and lets the face wrap the
 * handler that sets up each connection.
 */
final class BoundSocketIoServer extends SocketIOServer {

    private final AtomicReference<Channel> serverChannel = new AtomicReference<>();
    private final UnaryOperator<ChannelHandler> wrapChildHandler;

    BoundSocketIoServer(Configuration configuration, UnaryOperator<ChannelHandler> wrapChildHandler) {
        super(configuration);
        this.wrapChildHandler = wrapChildHandler;
    }

    @Override
    protected void applyConnectionOptions(ServerBootstrap bootstrap) {
        super.applyConnectionOptions(bootstrap);
        bootstrap.childHandler(wrapChildHandler.apply(bootstrap.config().childHandler()));
        bootstrap.handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                serverChannel.set(ctx.channel());
            }
        });
    }

    /** The bound address; call after {@link #start()}. */
    InetSocketAddress localAddress() {
        Channel channel = serverChannel.get();
        if (channel == null || !(channel.localAddress() instanceof InetSocketAddress address)) {
            throw new IllegalStateException("the socket.io server is not bound");
        }
        return address;
    }
}
