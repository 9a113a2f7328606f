package io.alarmhub.gateway.device.hemu.firmware;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of a package fetched from a URL, written to a {@link PackageFile} as it arrives (on the HTTP
 * client's threads), one buffer list at a time. The download fails, and the file is deleted, when the bytes
 * pass the limit, when the server answered other than 200 (the body is then not read), or when {@link #abort}
 * is called (the fetch timed out). The subscriber's methods and {@link #abort} hold its lock, so that a file is
 * never written, finished and deleted at once.
 */
final class PackageDownload implements HttpResponse.BodySubscriber<PackageFile.Received> {

    private final PackageFile file;
    private final CompletableFuture<PackageFile.Received> result = new CompletableFuture<>();
    private final FirmwareRefusal refused;
    private volatile Flow.Subscription subscription;

    /** @param refused when not null, why the response is refused without reading it */
    PackageDownload(PackageFile file, FirmwareRefusal refused) {
        this.file = file;
        this.refused = refused;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refused != null) {
            fail(refused);
            return;
        }
        s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer item : items) {
                file.write(item);
            }
        } catch (Exception e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        try {
            result.complete(file.finish());
        } catch (Exception e) {
            fail(e);
        }
    }

    @Override
    public CompletionStage<PackageFile.Received> getBody() {
        return result;
    }

    /** Stops reading and deletes the file: the fetch took too long, or was given up. */
    void abort(Throwable why) {
        fail(why);
    }

    private synchronized void fail(Throwable failure) {
        if (result.completeExceptionally(failure)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            file.abandon();
        }
    }
}
