package io.alarmhub.bench;

import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.report.Report;
import io.alarmhub.bench.stats.ProcessSampler;
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
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The idle scenario (alarmhub only): PushServer connections ramped to N, each sending
 * {@code {"t":14,"alias":"idle<i>"}} and then nothing, bound in turn to source addresses 127.0.0.2,
 * 127.0.0.3, … so that no one address runs out of ports. The server's heap is read from its metrics
 * endpoint after a forced GC ({@code jcmd <pid> GC.run}) before and after the ramp: the difference over
 * N is the heap each idle connection costs.
 */
final class IdleRun {

    /** docs/design.md: an idle connection costs under 2 KB of heap. */
    static final double TARGET_HEAP_BYTES = 2048;
    /** Connections per source address: well inside the ephemeral port range of one address. */
    static final int PER_ADDRESS = 20_000;
    /** File descriptors left to the bench's (and the server's) own files, sockets and jars. */
    static final int FD_MARGIN = 512;

    /**
     * @param asked     connections asked for
     * @param opened    connections that were answered {@code t:-14} and still open after the ramp
     * @param fdLimit   the soft open-files limit the bench runs under (the server inherits it), if known
     */
    record Result(int asked, int target, int opened, long failed, int addresses, OptionalLong fdLimit,
                  double heapBeforeBytes, double heapAfterBytes, long rssBeforeKb, long rssAfterKb, double rampSeconds,
                  String note) {

        double heapPerConnection() {
            return opened == 0 ? 0 : (heapAfterBytes - heapBeforeBytes) / opened;
        }

        double rssPerConnection() {
            return opened == 0 ? 0 : (rssAfterKb - rssBeforeKb) * 1024.0 / opened;
        }
    }

    private IdleRun() {
    }

    /** tcp: lines that keep idle connections open for the run. */
    static final String TCP_CONFIG = "  idle-timeout: 6h\n  line-timeout: 6h\n";

    /** The soft limit of open files of this process ({@code /proc/self/limits}), if it can be read. */
    static OptionalLong fdLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return OptionalLong.empty();
    }

    static Result run(AlarmhubServer server, int asked, Duration timeout) throws Exception {
        OptionalLong limit = fdLimit();
        int target = limit.isPresent() ? (int) Math.max(1, Math.min(asked, limit.getAsLong() - FD_MARGIN)) : asked;
        int addresses = Math.min(target, Math.max(4, (target + PER_ADDRESS - 1) / PER_ADDRESS));
        StringBuilder note = new StringBuilder();
        gc(server.pid(), note);
        double heapBefore = ProcessSampler.heapBytesNow(server.metricsUri()).orElse(-1.0);
        long rssBefore = ProcessSampler.rssKb(server.pid()).orElse(-1);
        EventLoopGroup group = new NioEventLoopGroup(2);
        ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();
        Semaphore connecting = new Semaphore(256);
        CountDownLatch answered = new CountDownLatch(target);
        AtomicLong failed = new AtomicLong();
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LineBasedFrameDecoder(65536),
                                    new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                    new SimpleChannelInboundHandler<String>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, String line) {
                                            if (line.startsWith("{\"t\":-14")) {
                                                connecting.release();
                                                answered.countDown();
                                            }
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            ctx.close();
                                        }
                                    });
                        }
                    });
            InetSocketAddress remote = new InetSocketAddress("127.0.0.1", server.tcpPort());
            long deadline = System.nanoTime() + timeout.toNanos();
            long rampStart = System.nanoTime();
            for (int i = 0; i < target; i++) {
                if (!connecting.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    note.append("The ramp timed out after ").append(i).append(" connections. ");
                    break;
                }
                String source = "127.0.0." + (2 + i % addresses);
                String alias = "idle" + i;
                ChannelFuture f = bootstrap.connect(remote, new InetSocketAddress(source, 0));
                f.addListener(done -> {
                    if (done.isSuccess()) {
                        channels.add(f.channel());
                        f.channel().writeAndFlush("{\"t\":14,\"alias\":\"" + alias + "\"}\n");
                    } else {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println("idle connection failed: " + done.cause());
                        }
                        connecting.release();
                        answered.countDown();
                    }
                });
            }
            if (!answered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                note.append(answered.getCount()).append(" connections were not answered t:-14 within ")
                        .append(timeout.toSeconds()).append(" s. ");
            }
            double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
            Thread.sleep(1000);
            gc(server.pid(), note);
            double heapAfter = ProcessSampler.heapBytesNow(server.metricsUri()).orElse(-1.0);
            long rssAfter = ProcessSampler.rssKb(server.pid()).orElse(-1);
            int opened = (int) Math.min(target - answered.getCount() - failed.get(), channels.stream().filter(Channel::isActive).count());
            if (heapBefore < 0 || heapAfter < 0) {
                note.append("The server's heap could not be read from its metrics endpoint. ");
            }
            return new Result(asked, target, opened, failed.get(), addresses, limit, heapBefore, heapAfter, rssBefore,
                    rssAfter, rampSeconds, note.toString().trim());
        } finally {
            List<Channel> all = new ArrayList<>(channels);
            all.forEach(Channel::close);
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A full GC in the server, twice, so the heap read next is what is live. */
    private static void gc(long pid, StringBuilder note) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (int i = 0; i < 2; i++) {
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    note.append("jcmd GC.run failed; the heap is read without a forced GC. ");
                    return;
                }
            } catch (IOException e) {
                note.append("jcmd could not run (").append(e.getMessage()).append("); the heap is read without a forced GC. ");
                return;
            }
        }
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("## idle\n\n");
        md.append("PushServer connections that each send `{\"t\":14,\"alias\":\"idle<i>\"}` and then stay idle, bound")
                .append(" in turn to ").append(r.addresses()).append(r.addresses() == 1 ? " source address" : " source addresses")
                .append(" from 127.0.0.2; the server's heap (`jvm_memory_used_bytes{area=\"heap\"}` on its metrics endpoint)")
                .append(" after `jcmd <pid> GC.run`, before and after the ramp; server config `tcp.idle-timeout` and")
                .append(" `tcp.line-timeout` 6h.\n\n");
        if (r.target() < r.asked()) {
            md.append("Asked for ").append(r.asked()).append(" connections; capped at ").append(r.target())
                    .append(" because the open-files limit (`ulimit -n`) is ").append(r.fdLimit().getAsLong())
                    .append(" and each connection takes a descriptor in the bench and one in the server (which")
                    .append(" inherits the limit); ").append(FD_MARGIN).append(" are left for other files. Nothing")
                    .append(" system-wide was raised.\n\n");
        }
        md.append("| connections | failed | ramp s | heap before MB | heap after MB | heap per connection B | RSS before MB | RSS after MB | RSS per connection B |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(r.opened()).append(" / ").append(r.target())
                .append(" | ").append(r.failed())
                .append(" | ").append(Report.number(r.rampSeconds()))
                .append(" | ").append(Report.number(r.heapBeforeBytes() / 1048576))
                .append(" | ").append(Report.number(r.heapAfterBytes() / 1048576))
                .append(" | ").append(Report.number(r.heapPerConnection()))
                .append(" | ").append(Report.number(r.rssBeforeKb() / 1024.0))
                .append(" | ").append(Report.number(r.rssAfterKb() / 1024.0))
                .append(" | ").append(Report.number(r.rssPerConnection()))
                .append(" |\n\n");
        if (!r.note().isEmpty()) {
            md.append("- ").append(r.note()).append("\n\n");
        }
        md.append(verdict(r)).append('\n');
        return md.toString();
    }

    static String verdict(Result r) {
        if (r.opened() < r.target() || r.heapBeforeBytes() < 0 || r.heapAfterBytes() < 0) {
            return "**Target not judged**: not every connection was open, or the heap could not be read.";
        }
        String figures = Report.number(r.heapPerConnection()) + " B of heap per idle connection at " + r.opened()
                + " connections (RSS " + Report.number(r.rssPerConnection()) + " B each)";
        String scale = r.opened() < 200_000 ? " Measured below the 200,000 connections the target names." : "";
        return (r.heapPerConnection() < TARGET_HEAP_BYTES ? "**Target met**: " : "**Target missed**: ")
                + "docs/design.md asks for under 2 KB of heap per idle connection; " + figures + "." + scale;
    }
}
