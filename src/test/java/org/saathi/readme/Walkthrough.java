package org.saathi.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API walkthrough of README.md as a list of steps: each block fenced as {@code ```bash walkthrough}
 * is a step, and the blocks fenced as {@code ```json 201} (or {@code ```http 202}) after it are the
 * answers its requests get, in order, with their status.
 */
record Walkthrough(List<Step> steps) {

    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\S*)(?: ([^\\n]*))?\\n(.*?)^```$",
            Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("\\d{3}");

    record Step(int number, String script, List<Answer> answers) {
    }

    record Answer(int status, String text) {
    }

    static Walkthrough of(String readme) {
        List<Step> steps = new ArrayList<>();
        Matcher block = FENCE.matcher(readme);
        while (block.find()) {
            String language = block.group(1);
            String marker = block.group(2) == null ? "" : block.group(2).strip();
            if (language.equals("bash") && marker.equals("walkthrough")) {
                steps.add(new Step(steps.size() + 1, block.group(3), new ArrayList<>()));
            } else if (!steps.isEmpty() && STATUS.matcher(marker).matches()) {
                steps.get(steps.size() - 1).answers().add(new Answer(Integer.parseInt(marker), block.group(3)));
            }
        }
        return new Walkthrough(List.copyOf(steps));
    }
}
