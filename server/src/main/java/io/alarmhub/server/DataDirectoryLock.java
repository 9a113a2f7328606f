package io.alarmhub.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory: an exclusive lock on {@code <data.dir>/alarmhub.lock}, taken before
 * anything else in the directory is opened and held until the server stops. Two servers on one SQLite
 * file and one key file would each believe the store is theirs. The operating system releases the lock
 * when the process dies, however it dies, so a crash never leaves the directory locked; the file itself
 * stays, holding the pid of the last server that held it, so that the refusal can say who holds it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "alarmhub.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the directory, creating it if needed.
     *
     * @throws StartupException when another process (or another server in this one) holds it
     */
    static DataDirectoryLock acquire(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path file = absolute.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(absolute);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException("data.dir: cannot use " + absolute + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new StartupException("data.dir: " + absolute + " is in use by another alarmhub (" + holder
                        + "); stop it, or give this server a data.dir of its own");
            }
            writePid(channel);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("data.dir: cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null; // a server in this very process holds it
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(64);
        channel.read(bytes, 0);
        String pid = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d{1,19}") ? "pid " + pid : "a process that did not say its pid";
    }

    private static void writePid(FileChannel channel) throws IOException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel; nothing else to undo
        }
    }

    /** Releases the directory: a later server may take it. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
