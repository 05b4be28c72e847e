package org.saathi.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

/**
 * The rule sets a backtest may replay: the active one, or a candidate folder under the configured
 * candidates directory on the server. Candidates are named, never uploaded (DRL consequences run
 * code), and a name can only reach a folder inside that directory.
 */
@Service
public class RuleSets {

    /** A candidate's name: one folder name, nothing that could climb out of the directory. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Compiling takes seconds; a rule author backtests the same candidate several times in a row. */
    private static final int REMEMBERED = 4;

    private final ActiveRuleSet active;
    private final RuleSettings settings;
    private final Clock clock;
    private final Map<String, CompiledRuleSet> compiled = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRuleSet> eldest) {
            return size() > REMEMBERED;
        }
    };

    RuleSets(ActiveRuleSet active, RuleSettings settings, Clock clock) {
        this.active = active;
        this.settings = settings;
        this.clock = clock;
    }

    public RuleSetReplay active() {
        return new RuleSetReplay(active.current());
    }

    /** The candidate folders there are, by name, for a rule author to choose from. */
    public List<String> candidates() {
        Path directory = settings.candidates();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(name -> NAME.matcher(name).matches()).sorted().toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /**
     * The named candidate, compiled; empty when there is no such folder. Throws {@link RuleSetInvalid}
     * when it does not compile, with files named as {@code <candidate>/<file>}.
     */
    public Optional<RuleSetReplay> candidate(String name) {
        Optional<Path> folder = folder(name);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        RuleSetFiles files = RuleSetFiles.read(folder.get());
        String key = folder.get() + "@" + files.version();
        synchronized (compiled) {
            CompiledRuleSet remembered = compiled.get(key);
            if (remembered != null) {
                return Optional.of(new RuleSetReplay(remembered));
            }
        }
        CompiledRuleSet set;
        try {
            set = RuleSetLoader.compile(files, settings.window(), settings.baseline(), clock.instant());
        } catch (RuleSetInvalid invalid) {
            throw new RuleSetInvalid(invalid.problems().stream()
                    .map(problem -> new RuleSetProblem(name + "/" + problem.file(), problem.line(), problem.message()))
                    .toList());
        }
        synchronized (compiled) {
            compiled.put(key, set);
        }
        return Optional.of(new RuleSetReplay(set));
    }

    private Optional<Path> folder(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        try {
            Path root = settings.candidates().toRealPath();
            Path folder = root.resolve(name).toRealPath();
            return folder.startsWith(root) && Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
        } catch (IOException missing) {
            return Optional.empty();
        }
    }
}
