package io.alarmhub.store.media;

import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaFiles;
import io.alarmhub.core.media.LastingMedia;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.core.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Media files in a directory: {@code <root>/yyyy/MM/dd/<key>}, with keys {@code yyyyMMdd-<32 hex>.<ext>}
 * (the day kept, UTC, and 128 random bits), so that the file is found from the key alone. A key that does
 * not have exactly that shape names nothing, which is what keeps {@code ..} and friends out.
 *
 * <p>{@link #keep} moves the file in (an atomic rename on the same file system, else a copy to a hidden
 * temporary name, flushed, then renamed), stamps it with the store clock's time, and flushes the file and
 * its directory before returning. The total size is counted once when the store opens and then kept up to
 * date by every keep and delete; only the sweep and making room walk the tree again.
 *
 * <p>{@link #sweep(Instant)} deletes files older than the retention period (by modification time), then,
 * when the files still take more than {@code maxBytes}, the oldest ones until they take at most
 * {@code maxBytes} less a tenth (the headroom spares a walk of the tree per keep once the store is full).
 * A keep that would pass the cap makes room the same way at once rather than waiting for the next sweep.
 * The server calls the sweep periodically; it is safe to call at any time from any thread.
 *
 * <p>Every method blocks on disk I/O. Keeps run concurrently with one another; a sweep or making room
 * holds them off while it runs.
 *
 * <p>Lasting files ({@link LastingMedia}: firmware packages) are kept apart, in {@code <root>/lasting/<key>} with
 * keys {@code lasting-<32 hex>.<ext>}: the sweep and making room never walk that directory, so neither
 * retention nor the cap deletes them, and their bytes are not counted against the cap. They are served
 * like the others, at signed URLs.
 */
public final class DirectoryMediaStore implements MediaStore, MediaFiles, LastingMedia {

    private static final Logger log = LoggerFactory.getLogger(DirectoryMediaStore.class);

    /** A key: the day, 128 random bits in hex, and the extension. Nothing else is ever a key. */
    static final Pattern KEY = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})-[0-9a-f]{32}\\.[a-z0-9]{1,8}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
    private static final Pattern TEMPORARY = Pattern.compile("\\.(" + KEY.pattern() + ")\\.tmp");
    /** A lasting file's key: 128 random bits in hex and the extension. */
    static final Pattern LASTING_KEY = Pattern.compile("lasting-[0-9a-f]{32}\\.[a-z0-9]{1,8}");
    /** The directory under the root that holds the lasting files. */
    static final String LASTING = "lasting";
    /**
     * The directory under the root that the video recorder writes: {@code recordings/<deviceId>/<yyyy-mm-dd>/<file>},
     * served by key like any file but neither swept nor counted here (the recordings' own retention deletes them).
     */
    public static final String RECORDINGS = "recordings";
    static final Pattern RECORDING_KEY = Pattern.compile(
            RECORDINGS + "/[0-9A-Za-z_-]{1,64}/[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9A-Za-z_-]{1,80}\\.mp4");
    private static final String FALLBACK_EXTENSION = "bin";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Comparator<Stored> OLDEST_FIRST =
            Comparator.comparing(Stored::modified).thenComparing(s -> s.path().getFileName().toString());

    private final MediaSettings settings;
    private final Path root;
    private final MediaSigner signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong storedBytes = new AtomicLong();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** What one sweep deleted, and what is left. */
    public record Swept(int expired, int evicted, long bytesFreed, long storedBytes) {
    }

    private record Stored(Path path, Instant modified, long size) {
    }

    private record Evicted(int files, long bytes) {
    }

    private DirectoryMediaStore(MediaSettings settings, MediaSigner signer, Clock clock) {
        this.settings = settings;
        this.root = settings.root().toAbsolutePath().normalize();
        this.signer = signer;
        this.clock = clock;
    }

    /** Opens (creating it if need be) the directory and counts the bytes it already holds. */
    public static DirectoryMediaStore open(MediaSettings settings, MediaSigner signer) {
        return open(settings, signer, Clock.systemUTC());
    }

    /** As {@link #open(MediaSettings, MediaSigner)}, with the clock that dates files and URLs. */
    public static DirectoryMediaStore open(MediaSettings settings, MediaSigner signer, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(clock, "clock");
        DirectoryMediaStore store = new DirectoryMediaStore(settings, signer, clock);
        try {
            Files.createDirectories(store.root);
        } catch (IOException e) {
            throw new MediaException("cannot create the media directory " + store.root + ": " + e.getMessage(), e);
        }
        List<Stored> files = store.walk();
        store.storedBytes.set(total(files));
        log.info("Media store open: {} ({} files, {} bytes of at most {})", store.root, files.size(),
                store.storedBytes.get(), settings.maxBytes());
        return store;
    }

    @Override
    public MediaRef keep(Path received, MediaKind kind, String extension, String deviceName) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(deviceName, "deviceName");
        long size;
        try {
            if (!Files.isRegularFile(received)) {
                throw new MediaException("cannot keep " + received + ": not a regular file");
            }
            size = Files.size(received);
        } catch (IOException e) {
            throw new MediaException("cannot keep " + received + ": " + e.getMessage(), e);
        }
        if (size > settings.maxBytes()) {
            throw new MediaException("cannot keep " + received + ": its " + size
                    + " bytes are more than the media store may hold (" + settings.maxBytes() + ")");
        }
        if (storedBytes.get() + size > settings.maxBytes()) {
            makeRoom(size);
        }
        Instant now = clock.instant();
        String key = newKey(now, extension);
        Path target = path(key).orElseThrow();
        Lock shared = lock.readLock();
        shared.lock();
        try {
            place(received, target, now);
            storedBytes.addAndGet(Files.size(target));
        } catch (IOException e) {
            throw new MediaException("cannot keep " + received + " as " + target + ": " + e.getMessage(), e);
        } finally {
            shared.unlock();
        }
        return new MediaRef(kind, deviceName, Optional.of(key), url(key, now));
    }

    @Override
    public void discard(MediaRef ref) {
        Optional<Path> file = ref.key().flatMap(this::path);
        if (file.isEmpty()) {
            return;
        }
        Lock shared = lock.readLock();
        shared.lock();
        try {
            long size = Files.size(file.get());
            if (Files.deleteIfExists(file.get())) {
                storedBytes.addAndGet(-size);
            }
        } catch (NoSuchFileException gone) {
            // swept meanwhile
        } catch (IOException e) {
            log.warn("Media store cannot delete {}, kept for an alarm that was not stored: {}", file.get(),
                    e.getMessage());
        } finally {
            shared.unlock();
        }
    }

    @Override
    public Optional<String> url(String key) {
        return file(key).map(file -> url(key, clock.instant()));
    }

    @Override
    public String keepLasting(Path received, String extension) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(extension, "extension");
        if (!Files.isRegularFile(received)) {
            throw new MediaException("cannot keep " + received + ": not a regular file");
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String key = "lasting-" + HexFormat.of().formatHex(bits) + "." + extension(extension);
        Path target = path(key).orElseThrow();
        Lock shared = lock.readLock();
        shared.lock();
        try {
            place(received, target, clock.instant());
        } catch (IOException e) {
            throw new MediaException("cannot keep " + received + " as " + target + ": " + e.getMessage(), e);
        } finally {
            shared.unlock();
        }
        return key;
    }

    @Override
    public Optional<String> url(String key, Duration validity) {
        if (validity.toSeconds() < 1) {
            throw new IllegalArgumentException("a URL is valid for at least a second, not " + validity);
        }
        return file(key).map(file -> url(key, clock.instant().getEpochSecond() + validity.toSeconds()));
    }

    @Override
    public void deleteLasting(String key) {
        Optional<Path> file = Optional.ofNullable(key).filter(k -> LASTING_KEY.matcher(k).matches())
                .flatMap(this::path);
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file.get());
        } catch (IOException e) {
            log.warn("Media store cannot delete the lasting file {}: {}", file.get(), e.getMessage());
        }
    }

    @Override
    public Optional<Path> file(String key) {
        return path(key).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public Path recordings() {
        return root.resolve(RECORDINGS);
    }

    @Override
    public MediaSigner signer() {
        return signer;
    }

    /** The bytes the kept files take, for the {@code alarmhub.media.stored_bytes} gauge. */
    public long storedBytes() {
        return storedBytes.get();
    }

    public MediaSettings settings() {
        return settings;
    }

    /** {@link #sweep(Instant)} at the store clock's time. */
    public Swept sweep() {
        return sweep(clock.instant());
    }

    /**
     * Deletes the files modified before {@code now - retention}, then the oldest ones while the files take
     * more than the cap, and recounts the bytes from disk (files deleted by hand stop counting here).
     */
    public Swept sweep(Instant now) {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            List<Stored> files = walk();
            Instant cutoff = now.minus(settings.retention());
            List<Stored> old = new ArrayList<>();
            List<Stored> young = new ArrayList<>();
            for (Stored file : files) {
                (file.modified().isBefore(cutoff) ? old : young).add(file);
            }
            Set<Path> emptied = new TreeSet<>();
            long total = total(files);
            long freed = 0;
            int expired = 0;
            for (Stored file : old) {
                if (delete(file, emptied)) {
                    freed += file.size();
                    expired++;
                }
            }
            total -= freed;
            Evicted evicted = new Evicted(0, 0);
            if (total > settings.maxBytes()) {
                evicted = evict(young, total, lowWater(0), emptied);
                freed += evicted.bytes();
                total -= evicted.bytes();
            }
            storedBytes.set(total);
            removeEmpty(emptied);
            Swept swept = new Swept(expired, evicted.files(), freed, total);
            if (expired > 0 || evicted.files() > 0) {
                log.info("Media sweep: deleted {} files past retention and {} over the cap, {} bytes; {} bytes kept",
                        expired, evicted.files(), freed, total);
            }
            return swept;
        } finally {
            exclusive.unlock();
        }
    }

    /** Deletes the oldest files until {@code incoming} more bytes fit, with headroom; or fails. */
    private void makeRoom(long incoming) {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (storedBytes.get() + incoming <= settings.maxBytes()) {
                return; // another keep made room meanwhile
            }
            List<Stored> files = walk();
            long total = total(files);
            Set<Path> emptied = new TreeSet<>();
            Evicted evicted = evict(files, total, lowWater(incoming), emptied);
            storedBytes.set(total - evicted.bytes());
            removeEmpty(emptied);
            log.info("Media store full: deleted the {} oldest files, {} bytes, to keep {} more; {} bytes kept",
                    evicted.files(), evicted.bytes(), incoming, storedBytes.get());
            if (storedBytes.get() + incoming > settings.maxBytes()) {
                throw new MediaException("the media store is over its cap of " + settings.maxBytes()
                        + " bytes and cannot make room for " + incoming + " more");
            }
        } finally {
            exclusive.unlock();
        }
    }

    /** The total to evict down to so that {@code incoming} more bytes fit with a tenth of the cap to spare. */
    private long lowWater(long incoming) {
        return Math.max(0, settings.maxBytes() - settings.maxBytes() / 10 - incoming);
    }

    /** Deletes the oldest of {@code files}, which take {@code total} bytes, until at most {@code target} are left. */
    private Evicted evict(List<Stored> files, long total, long target, Set<Path> emptied) {
        List<Stored> oldestFirst = new ArrayList<>(files);
        oldestFirst.sort(OLDEST_FIRST);
        int count = 0;
        long freed = 0;
        for (Stored file : oldestFirst) {
            if (total - freed <= target) {
                break;
            }
            if (delete(file, emptied)) {
                freed += file.size();
                count++;
            }
        }
        return new Evicted(count, freed);
    }

    private boolean delete(Stored file, Set<Path> emptied) {
        try {
            Files.deleteIfExists(file.path());
            emptied.add(file.path().getParent());
            return true;
        } catch (IOException e) {
            log.warn("Media store cannot delete {}: {}", file.path(), e.getMessage());
            return false;
        }
    }

    /** Removes day, month and year directories left empty; best effort. */
    private void removeEmpty(Set<Path> days) {
        for (Path day : days) {
            for (Path dir = day; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    break;
                } catch (IOException e) {
                    log.debug("Media store cannot remove the empty directory {}", dir, e);
                    break;
                }
            }
        }
    }

    /**
     * The kept files, each with its time and size. Files that are not where their key puts them are not
     * the store's and are left alone; leftovers of an interrupted copy are deleted (callers hold the write
     * lock, or are opening the store, so no copy is under way).
     */
    private List<Stored> walk() {
        List<Stored> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(), 4, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (!attributes.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (path(name).filter(file::equals).isPresent()) {
                        files.add(new Stored(file, attributes.lastModifiedTime().toInstant(), attributes.size()));
                    } else if (TEMPORARY.matcher(name).matches()) {
                        try {
                            Files.deleteIfExists(file);
                            log.info("Media store deleted {}, left over from an interrupted copy", file);
                        } catch (IOException e) {
                            log.warn("Media store cannot delete {}: {}", file, e.getMessage());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(root.resolve(LASTING))) {
                        deleteTemporaries(dir);
                        return FileVisitResult.SKIP_SUBTREE; // neither swept nor counted
                    }
                    if (dir.equals(root.resolve(RECORDINGS))) {
                        return FileVisitResult.SKIP_SUBTREE; // the recordings' own retention deletes them
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        log.warn("Media store cannot read {}: {}", file, e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new MediaException("cannot read the media directory " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Deletes what an interrupted copy left in the lasting directory (no copy is under way: see walk). */
    private static void deleteTemporaries(Path lasting) {
        try (Stream<Path> files = Files.list(lasting)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\.lasting-.*\\.tmp")).toList()) {
                Files.deleteIfExists(file);
                log.info("Media store deleted {}, left over from an interrupted copy", file);
            }
        } catch (IOException e) {
            log.warn("Media store cannot clean {}: {}", lasting, e.getMessage());
        }
    }

    private static long total(List<Stored> files) {
        return files.stream().mapToLong(Stored::size).sum();
    }

    /** Where a key's file is, or empty when the string is not a key. */
    private Optional<Path> path(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(key);
        Path path;
        if (m.matches()) {
            path = root.resolve(m.group(1)).resolve(m.group(2)).resolve(m.group(3)).resolve(key);
        } else if (LASTING_KEY.matcher(key).matches()) {
            path = root.resolve(LASTING).resolve(key);
        } else if (RECORDING_KEY.matcher(key).matches()) {
            path = root.resolve(key);
        } else {
            return Optional.empty();
        }
        // The pattern already rules out separators and dots; this is the belt to its braces.
        return path.normalize().startsWith(root) ? Optional.of(path) : Optional.empty();
    }

    private String newKey(Instant now, String extension) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return DAY.format(now) + "-" + HexFormat.of().formatHex(bits) + "." + extension(extension);
    }

    /** The extension lower-cased, or {@code bin} when it is not 1 to 8 letters and digits. */
    static String extension(String extension) {
        String lower = extension.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith(".")) {
            lower = lower.substring(1);
        }
        return EXTENSION.matcher(lower).matches() ? lower : FALLBACK_EXTENSION;
    }

    private String url(String key, Instant now) {
        return url(key, now.getEpochSecond() + settings.urlValidity().toSeconds());
    }

    private String url(String key, long expires) {
        return settings.publicBaseUrl() + "/media/" + key + "?expires=" + expires + "&sig=" + signer.sign(key, expires);
    }

    /** Moves or copies {@code received} to {@code target}, dates it, and flushes it and its directory. */
    private void place(Path received, Path target, Instant now) throws IOException {
        Path day = target.getParent();
        Path existing = day;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(day);
        try {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            copy(received, target);
        }
        Files.setLastModifiedTime(target, FileTime.from(now));
        force(target);
        // The new name must survive a crash too: flush the day directory, and the ones just created above it.
        for (Path dir = day; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            forceDirectory(dir);
            if (dir.equals(existing)) {
                break;
            }
        }
    }

    /** Copies across file systems: to a hidden name first, so that the key never names half a file. */
    private static void copy(Path received, Path target) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.copy(received, temporary, StandardCopyOption.REPLACE_EXISTING);
            force(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.delete(received);
        } catch (IOException e) {
            log.warn("Media store kept a copy of {} but cannot delete the original: {}", received, e.getMessage());
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Flushes a directory's entries; some platforms cannot open a directory, which is tolerated. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Media store cannot flush the directory {}", dir, e);
        }
    }

    @Override
    public String toString() {
        return "DirectoryMediaStore[" + root + "]";
    }
}
