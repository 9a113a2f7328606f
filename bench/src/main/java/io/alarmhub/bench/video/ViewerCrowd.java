package io.alarmhub.bench.video;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Live viewers as light as a client can be: each an HTTP/1.1 {@code GET} of a camera's HTTP-FLV URL on a Netty
 * connection that reads the chunks, counts their bytes and FLV tags ({@link FlvTags}) and discards them. Two
 * event loop threads serve them all, so that the viewers' own cost, which shares the machine with the server,
 * stays small.
 */
final class ViewerCrowd implements AutoCloseable {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);

    /** What the viewers have read, and how many watch, were turned away or lost their stream. */
    record Totals(int viewers, int watching, int refused, int ended, long bytes, long tags) {
    }

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();

    /**
     * Opens viewers until there are {@code total}, viewer {@code i} watching {@code urls[i % size]}, and waits until
     * each new one has its stream's FLV header or was turned away.
     */
    void grow(int total, List<URI> urls) throws IOException, InterruptedException {
        int first = viewers.size();
        CountDownLatch joined = new CountDownLatch(Math.max(0, total - first));
        for (int i = first; i < total; i++) {
            URI url = urls.get(i % urls.size());
            Viewer viewer = new Viewer(joined);
            viewers.add(viewer);
            ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), viewer);
                        }
                    })
                    .connect(url.getHost(), url.getPort());
            connect.addListener(done -> {
                if (done.isSuccess()) {
                    viewer.request(connect.channel(), url);
                } else {
                    viewer.refused();
                }
            });
        }
        if (!joined.await(JOIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IOException(joined.getCount() + " of " + (total - first) + " viewers got no answer within "
                    + JOIN_TIMEOUT.toSeconds() + " s");
        }
    }

    Totals totals() {
        int watching = 0;
        int refused = 0;
        int ended = 0;
        long bytes = 0;
        long tags = 0;
        for (Viewer viewer : viewers) {
            watching += viewer.watching ? 1 : 0;
            refused += viewer.refused ? 1 : 0;
            ended += viewer.ended ? 1 : 0;
            bytes += viewer.bytes;
            tags += viewer.tags;
        }
        return new Totals(viewers.size(), watching, refused, ended, bytes, tags);
    }

    @Override
    public void close() {
        viewers.forEach(Viewer::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One viewer's connection; its fields are written on its event loop only, read by {@link #totals()}. */
    private static final class Viewer extends SimpleChannelInboundHandler<HttpObject> {

        private final CountDownLatch joined;
        private final FlvTags flv = new FlvTags();
        private volatile Channel channel;
        private volatile boolean watching;
        private volatile boolean refused;
        private volatile boolean ended;
        private volatile long bytes;
        private volatile long tags;
        private boolean counted;

        Viewer(CountDownLatch joined) {
            this.joined = joined;
        }

        void request(Channel ch, URI url) {
            channel = ch;
            DefaultFullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    url.getRawPath() + "?" + url.getRawQuery());
            get.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort());
            ch.writeAndFlush(get);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response && response.status().code() != 200) {
                refused();
                ctx.close();
            }
            if (msg instanceof HttpContent content && !refused) {
                bytes += content.content().readableBytes();
                flv.accept(content.content());
                tags = flv.tags();
                if (flv.started() && !watching) {
                    watching = true;
                    join();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended = watching;
            watching = false;
            join();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        void refused() {
            refused = true;
            join();
        }

        /** Counts this viewer in its step once: as watching, turned away or gone. */
        private void join() {
            if (!counted) {
                counted = true;
                joined.countDown();
            }
        }

        void close() {
            Channel ch = channel;
            if (ch != null) {
                ch.close().syncUninterruptibly();
            }
        }
    }
}
