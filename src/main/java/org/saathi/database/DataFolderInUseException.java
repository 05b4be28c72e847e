package org.saathi.database;

import java.nio.file.Path;

/** A start on a data folder that a running service already uses; it is refused, and nothing is touched. */
final class DataFolderInUseException extends IllegalStateException {

    DataFolderInUseException(Path directory, String holderPid) {
        super("The embedded database folder " + directory + " is in use by another running Saathi (process "
                + holderPid + "); stop that one first, or give this one a folder of its own with "
                + "SAATHI_EMBEDDED_DATABASE_DATA_DIRECTORY");
    }
}
