package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.media.MediaException;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the media store: moves each file into a directory, or fails when told. */
final class KeepingMediaStore implements MediaStore {

    record Kept(String key, Path file, MediaKind kind, String extension, String deviceName, String thread) {
    }

    private final Path dir;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    final List<Kept> kept = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    KeepingMediaStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public MediaRef keep(Path received, MediaKind kind, String extension, String deviceName) {
        if (failing) {
            throw new MediaException("the test media store is full");
        }
        String key = "m" + next.incrementAndGet() + "." + extension;
        Path target = dir.resolve(key);
        try {
            Files.createDirectories(dir);
            Files.move(received, target);
        } catch (IOException e) {
            throw new MediaException("cannot keep " + received, e);
        }
        files.put(key, target);
        kept.add(new Kept(key, target, kind, extension, deviceName, Thread.currentThread().getName()));
        return new MediaRef(kind, deviceName, Optional.of(key), url(key).orElseThrow());
    }

    @Override
    public void discard(MediaRef ref) {
        ref.key().map(files::remove).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new MediaException("cannot discard " + file, e);
            }
        });
    }

    @Override
    public Optional<String> url(String key) {
        return files.containsKey(key) ? Optional.of("http://media.test/" + key) : Optional.empty();
    }

    Path file(MediaRef ref) {
        return files.get(ref.key().orElseThrow());
    }
}
