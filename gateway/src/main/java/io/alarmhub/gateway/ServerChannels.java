package io.alarmhub.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A listener's server socket and the connections it accepted, bound and closed together, so that
 * closing a listener also ends its connections.
 */
public final class ServerChannels {

    private final String name;
    private final ChannelGroup accepted;
    private Optional<Channel> server = Optional.empty();

    public ServerChannels(String name) {
        this.name = name;
        this.accepted = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }

    /**
     * Binds the bootstrap (whose group, channel and child options are set) and returns the address bound.
     *
     * @param pipeline sets up the pipeline of each accepted connection
     */
    public synchronized InetSocketAddress bind(ServerBootstrap bootstrap, String host, int port,
                                               Consumer<Channel> pipeline) {
        if (server.isPresent()) {
            throw new IllegalStateException(name + " is already started");
        }
        bootstrap.childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                // The group forgets a channel when it closes.
                accepted.add(ch);
                pipeline.accept(ch);
            }
        });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenException(name, host, port, bound.cause());
        }
        server = Optional.of(bound.channel());
        return (InetSocketAddress) bound.channel().localAddress();
    }

    /** Open connections. */
    public int size() {
        return accepted.size();
    }

    public synchronized void close() {
        server.ifPresent(ch -> ch.close().awaitUninterruptibly());
        server = Optional.empty();
        accepted.close().awaitUninterruptibly();
    }
}
