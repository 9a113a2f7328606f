package io.alarmhub.gateway.device.vstarcam;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.MemoryAttribute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the multipart decoder puts what it decodes: file parts on disk in the upload directory, written
 * chunk by chunk as they arrive ({@code useDisk}), so that a video never sits in memory whole; form
 * fields ({@code vuid}, {@code type}) and part headers in memory, bounded, because a disk factory would
 * otherwise write (and fsync) a file for each of them.
 */
final class UploadDataFactory extends DefaultHttpDataFactory {

    /** The largest form field held in memory; {@link AlarmUpload} refuses fields far smaller. */
    static final long MAX_ATTRIBUTE_BYTES = 64 * 1024;

    private final Path dir;

    UploadDataFactory(Path dir) {
        super(true, StandardCharsets.UTF_8);
        this.dir = dir;
        setBaseDir(dir.toString());
        // The JVM's delete-on-exit list only grows: never use it for a long-running server.
        setDeleteOnExit(false);
    }

    /** The directory file parts are written to. */
    Path dir() {
        return dir;
    }

    /** Always true: file parts go to disk. */
    boolean diskBased() {
        return true;
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name) {
        return bounded(new MemoryAttribute(name, StandardCharsets.UTF_8));
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name, long definedSize) {
        if (definedSize > MAX_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException("form field " + name + " larger than " + MAX_ATTRIBUTE_BYTES);
        }
        return bounded(new MemoryAttribute(name, definedSize, StandardCharsets.UTF_8));
    }

    @Override
    public Attribute createAttribute(HttpRequest request, String name, String value) {
        try {
            MemoryAttribute attribute = new MemoryAttribute(name, StandardCharsets.UTF_8);
            attribute.setMaxSize(MAX_ATTRIBUTE_BYTES);
            attribute.setValue(value);
            return attribute;
        } catch (IOException e) {
            throw new IllegalArgumentException("form field " + name + " larger than " + MAX_ATTRIBUTE_BYTES, e);
        }
    }

    private static Attribute bounded(MemoryAttribute attribute) {
        attribute.setMaxSize(MAX_ATTRIBUTE_BYTES);
        return attribute;
    }
}
