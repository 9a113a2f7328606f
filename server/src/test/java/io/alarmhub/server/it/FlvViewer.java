package io.alarmhub.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A live viewer with the JDK's HTTP client: it reads an HTTP-FLV URL's body as it comes, as fast as it comes, and
 * counts its tags; {@link #close} cancels the body, which ends the connection (the server sees the viewer leave).
 * Only counts and the last video timestamps are kept, however long it watches.
 */
final class FlvViewer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The FLV header (9 bytes) and the first PreviousTagSize (4). */
    private static final int FILE_HEADER = 13;
    private static final int TAG_HEADER = 11;
    private static final int AUDIO = 8;
    private static final int VIDEO = 9;

    private final TagCounter counter = new TagCounter();

    private FlvViewer() {
    }

    /** Connects and, once the server has answered 200 with FLV, reads on; fails on any other answer. */
    static FlvViewer watch(String url) throws IOException, InterruptedException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofPublisher());
        FlvViewer viewer = new FlvViewer();
        response.body().subscribe(viewer.counter);
        if (response.statusCode() != 200
                || !response.headers().firstValue("Content-Type").orElse("").equals("video/x-flv")) {
            viewer.close();
            throw new AssertionError("the live URL answered " + response.statusCode() + " " + response.headers());
        }
        return viewer;
    }

    long videoTags() {
        return counter.video;
    }

    long audioTags() {
        return counter.audio;
    }

    long bytes() {
        return counter.bytes;
    }

    /** The timestamp of the last video tag read, in ms; -1 before the first. */
    long lastVideoMillis() {
        return counter.lastVideo;
    }

    /** The longest step between two video tags' timestamps: a GOP the viewer lost shows as a step of a second. */
    long longestVideoStepMillis() {
        return counter.longestStep;
    }

    /** Why the body ended early, if it did: the server closed it, or it could not be read. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(counter.failure);
    }

    boolean ended() {
        return counter.ended;
    }

    @Override
    public void close() {
        counter.cancel();
    }

    /**
     * Walks the FLV as its pieces come: skips the file header, then reads each tag's header and skips its body.
     * The client calls it one piece at a time; the counts are read from the test's thread, hence volatile.
     */
    private static final class TagCounter implements Flow.Subscriber<List<ByteBuffer>> {

        private final byte[] header = new byte[TAG_HEADER];
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private long skip = FILE_HEADER;
        private int headerFill;
        volatile long video;
        volatile long audio;
        volatile long bytes;
        volatile long lastVideo = -1;
        volatile long longestStep;
        volatile Throwable failure;
        volatile boolean ended;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> pieces) {
            for (ByteBuffer piece : pieces) {
                bytes += piece.remaining();
                read(piece);
            }
        }

        private void read(ByteBuffer piece) {
            while (piece.hasRemaining()) {
                if (skip > 0) {
                    int n = (int) Math.min(skip, piece.remaining());
                    piece.position(piece.position() + n);
                    skip -= n;
                    continue;
                }
                int n = Math.min(TAG_HEADER - headerFill, piece.remaining());
                piece.get(header, headerFill, n);
                headerFill += n;
                if (headerFill == TAG_HEADER) {
                    tag();
                    headerFill = 0;
                }
            }
        }

        /** A whole tag header: count it, and skip its body and the PreviousTagSize after it. */
        private void tag() {
            int type = header[0] & 0x1f;
            int size = (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8 | header[3] & 0xff;
            long time = (long) (header[7] & 0xff) << 24 | (header[4] & 0xff) << 16 | (header[5] & 0xff) << 8
                    | header[6] & 0xff;
            if (type == VIDEO) {
                if (lastVideo >= 0) {
                    longestStep = Math.max(longestStep, time - lastVideo);
                }
                lastVideo = time;
                video++;
            } else if (type == AUDIO) {
                audio++;
            }
            skip = size + 4L;
        }

        @Override
        public void onError(Throwable t) {
            if (!cancelled) {
                failure = t;
            }
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
