package io.alarmhub.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A server that only forwards lines, as the ceiling of the machine: {@code sub NAME} makes a
 * connection a receiver of NAME (answered {@code ok}); {@code pub NAME BODY} writes BODY as a line to
 * every receiver of NAME. No parsing beyond that, no storage, no acknowledgement.
 */
public final class NettyForwarder implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, List<Channel>> receivers = new ConcurrentHashMap<>();
    private final Channel server;

    /** Listens on a free loopback port with {@code threads} I/O threads. */
    public NettyForwarder(int threads) throws InterruptedException {
        this(threads, new DefaultThreadFactory("netty-forwarder"));
    }

    /** As above, its acceptor and I/O threads made by {@code factory} (so that their CPU can be read). */
    public NettyForwarder(int threads, ThreadFactory factory) throws InterruptedException {
        boss = new NioEventLoopGroup(1, factory);
        workers = new NioEventLoopGroup(threads, factory);
        ChannelHandler forward = new Forward();
        server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(1 << 20),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8), forward);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @ChannelHandler.Sharable
    private final class Forward extends SimpleChannelInboundHandler<String> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (line.startsWith("pub ")) {
                int space = line.indexOf(' ', 4);
                String body = line.substring(space + 1) + "\n";
                for (Channel receiver : receivers.getOrDefault(line.substring(4, space), List.of())) {
                    receiver.writeAndFlush(body);
                }
            } else if (line.startsWith("sub ")) {
                Channel channel = ctx.channel();
                List<Channel> list = receivers.computeIfAbsent(line.substring(4), name -> new CopyOnWriteArrayList<>());
                list.add(channel);
                channel.closeFuture().addListener(closed -> list.remove(channel));
                ctx.writeAndFlush("ok\n");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
