package io.alarmhub.gateway.device.hemu.firmware;

import io.alarmhub.core.media.LastingMedia;
import io.alarmhub.core.media.MediaException;
import io.alarmhub.gateway.device.hemu.FirmwareSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The packages operators registered: alarmhub's copy of each (a lasting media file, which neither the media
 * retention nor its cap deletes, served by the media listener), its MD5 and length, and its record in the
 * store. A package arrives by upload, in pieces ({@link Upload}), or is fetched from a URL with the JDK's HTTP
 * client; either way its bytes go to a temporary file under {@code data.dir/hemu/firmware/incoming} as they
 * come, bounded by {@code hemu.firmware.max-package-bytes}, and are registered once whole.
 *
 * <p>Bounded: at most {@value #MAX_PACKAGES} packages, {@value #MAX_UPLOADS} uploads under way (one untouched
 * for {@link #UPLOAD_IDLE} is given up when room is needed), and a fetch must end within {@link #FETCH_TIMEOUT}.
 * Disk work runs on the {@code io} executor, never on the caller's thread.
 */
public final class PackageShelf {

    static final int MAX_PACKAGES = 100;
    static final int MAX_UPLOADS = 4;
    static final Duration UPLOAD_IDLE = Duration.ofHours(1);
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PackageShelf.class);

    /** How an upload's piece went: more to come, or the package registered. */
    public sealed interface Appended {
        record Partial(String upload, long received, long size) implements Appended {
        }

        record Complete(FirmwarePackage registered) implements Appended {
        }
    }

    private final FirmwareStore store;
    private final Optional<LastingMedia> media;
    private final Path incoming;
    private final FirmwareSettings settings;
    private final Executor io;
    private final HttpClient http;
    private final Map<String, FirmwarePackage> packages = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private PackageShelf(FirmwareStore store, Optional<LastingMedia> media, Path incoming, FirmwareSettings settings,
                         Executor io, HttpClient http) {
        this.store = store;
        this.media = media;
        this.incoming = incoming;
        this.settings = settings;
        this.io = io;
        this.http = http;
    }

    /**
     * Loads the registered packages and empties {@code incoming} of what uploads and fetches cut off by a stop
     * left there (blocking: at start).
     *
     * @param media where the packages are kept; empty when this node's media store keeps no lasting files, and
     *              then no package can be registered
     */
    static CompletableFuture<PackageShelf> load(FirmwareStore store, Optional<LastingMedia> media, Path incoming,
                                                FirmwareSettings settings, Executor io, HttpClient http) {
        try {
            Files.createDirectories(incoming);
            try (Stream<Path> left = Files.list(incoming)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hemu: cannot prepare " + incoming + " for firmware packages", e);
        }
        PackageShelf shelf = new PackageShelf(store, media, incoming, settings, io, http);
        if (media.isEmpty()) {
            log.warn("hemu: this node's media store keeps no lasting files: no firmware package can be registered");
        }
        return store.load(FirmwareStore.PACKAGE).thenApply(records -> {
            records.forEach(json -> {
                FirmwarePackage p = FirmwarePackage.of(json);
                shelf.packages.put(p.id(), p);
            });
            return shelf;
        });
    }

    /** The packages, oldest first. */
    public List<FirmwarePackage> list() {
        return packages.values().stream().sorted(Comparator.comparing(FirmwarePackage::registered)
                .thenComparing(FirmwarePackage::id)).toList();
    }

    public Optional<FirmwarePackage> find(String id) {
        return Optional.ofNullable(packages.get(id));
    }

    /**
     * A URL the camera downloads the package from, signed and valid for {@code hemu.firmware.url-validity}; empty
     * when alarmhub's copy is gone (deleted from the disk by hand). Looks the file up on the disk.
     */
    public Optional<String> downloadUrl(FirmwarePackage p) {
        return media.flatMap(m -> m.url(p.mediaKey(), settings.urlValidity()));
    }

    /** Fetches the package's bytes from {@code url} and registers it. */
    public CompletableFuture<FirmwarePackage> fetch(PackageDraft draft, URI url) {
        checkRoom();
        return onIo(() -> PackageFile.create(incoming, "fetch-", settings.maxPackageBytes()))
                .thenCompose(file -> download(url, file))
                .thenCompose(received -> onIo(() -> register(draft, received)))
                .thenCompose(registered -> registered);
    }

    private CompletableFuture<PackageFile.Received> download(URI url, PackageFile file) {
        PackageDownload[] download = new PackageDownload[1];
        HttpRequest request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<PackageFile.Received>> response = http.sendAsync(request, info -> {
            OptionalLong length = info.headers().firstValueAsLong("Content-Length");
            FirmwareRefusal refused = info.statusCode() != 200
                    ? FirmwareRefusal.bad("url: its server answered HTTP " + info.statusCode() + ", not 200")
                    : length.isPresent() && length.getAsLong() > settings.maxPackageBytes()
                    ? new FirmwareRefusal(FirmwareRefusal.Kind.TOO_LARGE, "url: its server says the package is "
                    + length.getAsLong() + " bytes, more than hemu.firmware.max-package-bytes ("
                    + settings.maxPackageBytes() + ")")
                    : null;
            download[0] = new PackageDownload(file, refused);
            return download[0];
        });
        return response.orTimeout(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((answer, failure) -> {
            if (failure == null) {
                return answer.body();
            }
            Throwable cause = cause(failure);
            if (download[0] != null) {
                download[0].abort(cause);
            } else {
                file.abandon();
            }
            if (cause instanceof FirmwareRefusal refusal) {
                throw refusal;
            }
            throw FirmwareRefusal.bad(cause instanceof TimeoutException
                    ? "url: the package did not arrive within " + FETCH_TIMEOUT.toMinutes() + " minutes"
                    : "url: cannot fetch the package (" + cause.getClass().getSimpleName() + ")");
        });
    }

    /** Starts an upload of {@code size} bytes: its id, which its pieces name. */
    public CompletableFuture<Appended.Partial> begin(PackageDraft draft, long size) {
        checkRoom();
        return onIo(() -> {
            synchronized (uploads) {
                uploads.values().removeIf(u -> {
                    boolean idle = u.idleSince(store.now().minus(UPLOAD_IDLE));
                    if (idle) {
                        u.abandon();
                    }
                    return idle;
                });
                if (uploads.size() >= MAX_UPLOADS) {
                    throw new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, MAX_UPLOADS + " uploads are under"
                            + " way; finish one, or try again once one has been idle for an hour");
                }
                String id = newId();
                uploads.put(id, new Upload(id, draft, size, PackageFile.create(incoming, "upload-", size),
                        store.now()));
                return new Appended.Partial(id, 0, size);
            }
        });
    }

    /** Writes a piece of an upload; its last piece registers the package. */
    public CompletableFuture<Appended> append(String uploadId, long offset, byte[] piece) {
        Upload upload = Optional.ofNullable(uploads.get(uploadId)).orElseThrow(() -> new FirmwareRefusal(
                FirmwareRefusal.Kind.NOT_FOUND, "no such upload (it ended, or was idle for an hour)"));
        return onIo(() -> {
            Optional<PackageFile.Received> whole;
            try {
                whole = upload.append(offset, piece, store.now());
            } catch (IOException e) {
                uploads.remove(uploadId, upload);
                upload.abandon();
                throw new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, "the upload cannot be written to disk ("
                        + e.getClass().getSimpleName() + "); start it again");
            }
            if (whole.isEmpty()) {
                return CompletableFuture.<Appended>completedFuture(new Appended.Partial(uploadId,
                        upload.received(), upload.size()));
            }
            uploads.remove(uploadId, upload);
            return register(upload.draft(), whole.get()).<Appended>thenApply(Appended.Complete::new);
        }).thenCompose(appended -> appended);
    }

    /** Deletes a package that no running rollout uses ({@code inUse}), and alarmhub's copy of it. */
    public CompletableFuture<FirmwarePackage> delete(String id, Predicate<String> inUse) {
        FirmwarePackage p = find(id).orElseThrow(() -> new FirmwareRefusal(FirmwareRefusal.Kind.NOT_FOUND,
                "no such package"));
        if (inUse.test(id)) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.CONFLICT, "a running rollout sends this package;"
                    + " cancel it first, or wait for it to end");
        }
        return store.commit(List.of(store.delete(FirmwareStore.PACKAGE, id, () -> packages.remove(id))))
                .thenApplyAsync(x -> {
                    media.ifPresent(m -> m.deleteLasting(p.mediaKey()));
                    return p;
                }, io);
    }

    /** Keeps the bytes as a lasting file and stores the package (on the io executor); undone if the store fails. */
    private CompletableFuture<FirmwarePackage> register(PackageDraft draft, PackageFile.Received received) {
        try {
            if (draft.checkSum().filter(sum -> !sum.equals(received.md5())).isPresent()) {
                throw FirmwareRefusal.bad("checkSum: the package's MD5 is " + received.md5() + ", not "
                        + draft.checkSum().get());
            }
            checkRoom();
            LastingMedia keeper = media.orElseThrow(PackageShelf::noMedia);
            String key;
            try {
                key = keeper.keepLasting(received.file(), "bin");
            } catch (MediaException e) {
                log.warn("hemu: a firmware package cannot be kept: {}", e.getMessage());
                throw new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, "the package cannot be kept on disk");
            }
            FirmwarePackage p = new FirmwarePackage(newId(), draft.serviceType(), draft.version(), draft.models(),
                    received.md5(), received.size(), draft.name(), key, store.now());
            return store.commit(List.of(store.put(FirmwareStore.PACKAGE, p.id(), Optional.empty(), p.json(),
                    () -> packages.put(p.id(), p)))).handle((x, failure) -> {
                        if (failure != null) {
                            io.execute(() -> keeper.deleteLasting(key));
                            throw new CompletionException(cause(failure));
                        }
                        log.info("hemu: firmware package {} registered: serviceType {}, version {}, {} bytes, MD5 {},"
                                + " for {}", p.id(), p.serviceType(), p.version(), p.size(), p.checkSum(), p.models());
                        return p;
                    });
        } finally {
            try {
                Files.deleteIfExists(received.file()); // kept (moved) already, or refused
            } catch (IOException e) {
                log.debug("hemu: cannot delete {}", received.file(), e);
            }
        }
    }

    private void checkRoom() {
        if (media.isEmpty()) {
            throw noMedia();
        }
        if (packages.size() >= MAX_PACKAGES) {
            throw new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, MAX_PACKAGES
                    + " packages are registered; delete one first");
        }
    }

    private static FirmwareRefusal noMedia() {
        return new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, "this node's media store keeps no"
                + " lasting files: firmware packages cannot be kept");
    }

    private String newId() {
        byte[] bits = new byte[6];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /** Work that touches the disk, on the io executor; a full executor is a refusal, 503. */
    private <T> CompletableFuture<T> onIo(IoWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run();
                } catch (IOException e) {
                    throw new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE, "the package cannot be written to"
                            + " disk (" + e.getClass().getSimpleName() + ")");
                }
            }, io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new FirmwareRefusal(FirmwareRefusal.Kind.UNAVAILABLE,
                    "too many package transfers at once; try again"));
        }
    }

    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** How many uploads are under way. */
    int uploadsUnderWay() {
        return uploads.size();
    }
}
