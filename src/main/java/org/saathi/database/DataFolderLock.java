package org.saathi.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Held by the service that runs the embedded database on a folder, for as long as it runs. The
 * operating system lets it go when that process ends, however it ends, so a lock that can be taken
 * means that no live service owns the folder; the file says which process holds it.
 */
final class DataFolderLock implements AutoCloseable {

    static final String FILE = "saathi.lock";
    /** The lock the embedded server's library holds on the folder while its process runs. */
    private static final String SERVER_LOCK = "epg-lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DataFolderInUseException when a live service holds the folder */
    static DataFolderLock take(Path directory) throws IOException {
        return take(directory, directory.resolve(FILE));
    }

    /**
     * Held beside a new folder while its database is created, as initdb needs the folder empty;
     * {@code null} where the folder beside it cannot be written, and then a simultaneous first
     * start is refused only once the database exists.
     *
     * @throws DataFolderInUseException when another start is creating the folder's database
     */
    static DataFolderLock takeBeside(Path directory) throws IOException {
        Path file = directory.resolveSibling("." + directory.getFileName() + "." + FILE);
        try {
            return take(directory, file);
        } catch (AccessDeniedException notWritable) {
            return null;
        }
    }

    private static DataFolderLock take(Path directory, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new DataFolderInUseException(directory, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DataFolderLock(file, channel, lock);
    }

    /** @throws DataFolderInUseException when a live service holds the folder; takes nothing */
    static void check(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DataFolderInUseException(directory, holder(channel));
            }
            lock.release();
        }
    }

    /**
     * Whether the process that started the server on the folder still runs: a service of an earlier
     * version holds only this lock, not ours.
     */
    static boolean serverOwnerAlive(Path directory) throws IOException {
        Path file = directory.resolve(SERVER_LOCK);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
            }
            return lock == null;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return null;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(32);
        channel.read(text, 0);
        String pid = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    /**
     * Lets the lock go and removes its file. Whoever opened the file before and takes the lock
     * next finds the database already created, and is refused by the lock inside the folder.
     */
    void remove() throws IOException {
        try (this) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try (channel) {
            lock.release();
        }
    }
}
