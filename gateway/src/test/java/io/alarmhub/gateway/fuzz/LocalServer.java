package io.alarmhub.gateway.fuzz;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A listener's pipeline behind Netty's in-VM transport: real channels on a real event loop, no sockets.
 * The push faces are answered from the store's commit thread, which hands each reply to the connection's
 * event loop; an {@code EmbeddedChannel}, whose loop takes every thread for its own, would be written from
 * two threads at once and report races as leaks. One event loop serves both ends, so that waiting for it
 * to run a task waits for everything it was given before.
 */
final class LocalServer implements AutoCloseable {

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
    private final Channel server;
    private final LocalAddress address;

    LocalServer(String name, ChannelHandler childInitializer) {
        address = new LocalAddress(name + "-" + System.nanoTime());
        server = new ServerBootstrap().group(loop).channel(LocalServerChannel.class).childHandler(childInitializer)
                .bind(address).syncUninterruptibly().channel();
    }

    /** A new client connection. */
    Client connect() {
        Client client = new Client();
        new Bootstrap().group(loop).channel(LocalChannel.class).handler(client).connect(address)
                .syncUninterruptibly();
        sync();
        return client;
    }

    /** Waits until the loop has run everything given to it so far. */
    void sync() {
        loop.submit(() -> { }).syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The client end: what the server wrote to it, each message taken as it arrives. */
    static final class Client extends ChannelInboundHandlerAdapter {

        private final List<Object> received = new ArrayList<>();
        private Channel channel;
        private Function<Object, Object> take = m -> m;

        /** How each received message is kept; the message itself is released after. */
        void keep(Function<Object, Object> take) {
            this.take = take;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                synchronized (received) {
                    received.add(take.apply(msg));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Sends the bytes in pieces of 1 to 16 bytes, sized by the bytes themselves, while connected. */
        void sendInPieces(byte[] input) {
            int at = 0;
            while (at < input.length && channel.isActive()) {
                int size = Math.min(input.length - at, 1 + (input[at] & 0x0f));
                channel.writeAndFlush(Unpooled.copiedBuffer(input, at, size));
                at += size;
            }
        }

        void send(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }

        /** What was received so far, and forgets it. */
        List<Object> take() {
            synchronized (received) {
                List<Object> taken = List.copyOf(received);
                received.clear();
                return taken;
            }
        }

        boolean isOpen() {
            return channel.isActive();
        }

        void close() {
            channel.close().syncUninterruptibly();
        }
    }
}
