package org.saathi.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.saathi.api.Digests;

/**
 * The files of a rule set as read from disk at one moment, by path relative to the rules folder.
 * The version is a hash of all of them, so that any change to a rule, a threshold, a scenario or
 * what to do about an alert is a new version.
 */
record RuleSetFiles(Path directory, Map<String, String> files, String version) {

    static final String THRESHOLDS = "thresholds.yaml";
    static final String RESPONSES = ResponsesFile.FILE;
    static final String DETERIORATION = DeteriorationYaml.FILE;

    static RuleSetFiles read(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new RuleSetInvalid(List.of(new RuleSetProblem(root.toString(), null,
                    "the rules folder does not exist (set saathi.rules.directory)")));
        }
        Map<String, String> files = new TreeMap<>();
        for (String folder : List.of("signals", "escalation", "tests")) {
            for (Path file : list(root.resolve(folder))) {
                files.put(folder + "/" + file.getFileName(), text(file));
            }
        }
        for (String file : List.of(THRESHOLDS, RESPONSES, DETERIORATION)) {
            if (Files.isRegularFile(root.resolve(file))) {
                files.put(file, text(root.resolve(file)));
            }
        }
        StringBuilder all = new StringBuilder();
        files.forEach((path, text) -> all.append(path).append('\0').append(text).append('\0'));
        return new RuleSetFiles(root, files, Digests.sha256Hex(all.toString()).substring(0, 12));
    }

    List<Map.Entry<String, String>> matching(String folder, String extension) {
        List<Map.Entry<String, String>> matching = new ArrayList<>();
        files.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(folder + "/") && entry.getKey().endsWith(extension))
                .forEach(matching::add);
        return matching;
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".drl") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new RuleSetInvalid(List.of(new RuleSetProblem(file.toString(), null,
                    "cannot be read: " + unreadable.getMessage())));
        }
    }
}
