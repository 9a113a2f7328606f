package io.alarmhub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few megabytes mounted on a directory, so that a test can fill a real file system. Needs
 * root (the tests run as root here and in CI); when mounting is not permitted the test fails, saying
 * so, rather than passing without having tried. Shared with the server's tests through this module's
 * test jar.
 */
public final class SmallFileSystem implements AutoCloseable {

    public final Path dir;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
    }

    public static SmallFileSystem mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        if (output != null) {
            throw new AssertionError("cannot mount a " + size + " tmpfs on " + dir + " (this test needs root, or"
                    + " CAP_SYS_ADMIN, to fill a real file system): " + output);
        }
        return new SmallFileSystem(dir);
    }

    /**
     * Writes {@code filler} until the file system refuses another byte.
     *
     * @return the bytes written
     */
    public long fill(Path filler) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(4096);
        long written = 0;
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                block.clear();
                written += out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
        return written;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String output = run("umount", dir.toString());
        if (output != null) {
            // Still in use (a process the test started is not gone yet): detach it, it goes once unused.
            run("umount", "-l", dir.toString());
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
