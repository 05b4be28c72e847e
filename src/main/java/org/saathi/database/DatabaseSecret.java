package org.saathi.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The generated passwords of the embedded database's roles, kept in its data folder in a file only
 * the service's own user can read, so that the folder (and a copy of it) opens with them alone.
 * Never logged: {@link #toString()} hides them.
 */
record DatabaseSecret(String superuser, String owner, String service) {

    static final String FILE = "saathi-database.secret";

    private static final SecureRandom RANDOM = new SecureRandom();

    static DatabaseSecret generate() {
        return new DatabaseSecret(password(), password(), password());
    }

    static Optional<DatabaseSecret> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties lines = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            lines.load(reader);
        }
        return Optional.of(new DatabaseSecret(lines.getProperty(DatabaseRoles.SUPERUSER),
                lines.getProperty(DatabaseRoles.OWNER), lines.getProperty(DatabaseRoles.SERVICE)));
    }

    /** Written whole or not at all: a crash mid-write must not leave a folder nobody can open. */
    void write(Path directory) throws IOException {
        String text = "# Passwords of this database's roles. Keep this file private: it opens every record.\n"
                + DatabaseRoles.SUPERUSER + "=" + superuser + "\n"
                + DatabaseRoles.OWNER + "=" + owner + "\n"
                + DatabaseRoles.SERVICE + "=" + service + "\n";
        Path written = ownerOnlyFile(directory, text);
        Files.move(written, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The superuser's password alone, for initdb to read once; the caller removes it. */
    Path superuserPasswordFile() throws IOException {
        return ownerOnlyFile(Path.of(System.getProperty("java.io.tmpdir")), superuser + "\n");
    }

    private static Path ownerOnlyFile(Path directory, String text) throws IOException {
        // Created readable by this user only from the start, never widened afterwards.
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path file = Files.createTempFile(directory, "saathi-", ".tmp", ownerOnly);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DatabaseSecret[hidden]";
    }
}
