package org.saathi.database;

import java.nio.file.Path;

/** Starts the embedded database on a folder and waits to be killed, as a service that dies uncleanly would. */
public final class LeftoverDatabase {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.start(new EmbeddedDatabaseSettings(Path.of(args[0]), 0, false));
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }

    private LeftoverDatabase() {
    }
}
