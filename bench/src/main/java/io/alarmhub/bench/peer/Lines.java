package io.alarmhub.bench.peer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Newline-delimited text connections over Netty: the bench's line protocol clients. */
public final class Lines {

    private static final int MAX_LINE = 1 << 20;

    private Lines() {
    }

    /** Connects and hands every line read (without its ending) to {@code onLine}, on the channel's event loop. */
    public static Channel connect(EventLoopGroup group, String host, int port, BiConsumer<Channel, String> onLine)
            throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8),
                                new Reader(onLine));
                    }
                })
                .connect(host, port).sync().channel();
    }

    private static final class Reader extends SimpleChannelInboundHandler<String> {
        private final BiConsumer<Channel, String> onLine;

        Reader(BiConsumer<Channel, String> onLine) {
            this.onLine = onLine;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            onLine.accept(ctx.channel(), line);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a broken connection shows in the report as missing deliveries; say why once here
            System.err.println("bench connection failed: " + cause);
            ctx.close();
        }
    }
}
