package org.saathi.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the README's API walkthrough as a newcomer would, in order, with bash and curl, against a
 * fresh service on its embedded database; every documented answer must come with its status and
 * with every field it shows. So the README cannot drift from what the service does.
 */
@SaathiTest
@TestPropertySource(properties = "saathi.admin-password=choose-a-long-one")
class ReadmeWalkthroughTests {

    private static final Pattern ANSWER_END = Pattern.compile("\\n?@@STATUS (\\d{3})@@\\n");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path WORKING_FOLDER = workingFolder();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void candidatesInTheWorkingFolder(DynamicPropertyRegistry registry) {
        registry.add("saathi.rules.candidates", () -> WORKING_FOLDER.resolve("data/rule-candidates").toString());
    }

    @Test
    void everyStepOfTheWalkthroughAnswersAsDocumented() throws Exception {
        FileSystemUtils.copyRecursively(Path.of("rules"), WORKING_FOLDER.resolve("rules"));
        Walkthrough walkthrough = Walkthrough.of(Files.readString(Path.of("README.md")));
        assertThat(walkthrough.steps()).hasSizeGreaterThan(10);

        List<String> outputs = outputsPerStep(run(script(walkthrough)));

        assertThat(outputs).hasSize(walkthrough.steps().size());
        for (Walkthrough.Step step : walkthrough.steps()) {
            checkAnswers(step, outputs.get(step.number() - 1));
        }
    }

    private String script(Walkthrough walkthrough) {
        StringBuilder script = new StringBuilder("curl() { command curl -w '\\n@@STATUS %{http_code}@@\\n' \"$@\"; }\n");
        for (Walkthrough.Step step : walkthrough.steps()) {
            script.append("echo '@@STEP@@'\n").append(step.script().replace("localhost:8080", "localhost:" + port))
                    .append('\n');
        }
        return script.toString();
    }

    private String run(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", script).directory(WORKING_FOLDER.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return output;
    }

    private static List<String> outputsPerStep(String output) {
        List<String> steps = new ArrayList<>(List.of(output.split("@@STEP@@\\n", -1)));
        steps.remove(0);
        return steps;
    }

    private static void checkAnswers(Walkthrough.Step step, String output) {
        List<int[]> ends = new ArrayList<>();
        Matcher end = ANSWER_END.matcher(output);
        while (end.find()) {
            ends.add(new int[] {end.start(), end.end(), Integer.parseInt(end.group(1))});
        }
        String where = "step " + step.number() + ":\n" + step.script() + "\nanswered:\n" + output;
        assertThat(ends).as(where).hasSize(step.answers().size());
        int start = 0;
        for (int i = 0; i < ends.size(); i++) {
            Walkthrough.Answer documented = step.answers().get(i);
            assertThat(ends.get(i)[2]).as(where).isEqualTo(documented.status());
            JsonNode actual = JSON.readTree(body(output.substring(start, ends.get(i)[0])));
            assertSameShape(JSON.readTree(body(documented.text())), actual, "$", where);
            start = ends.get(i)[1];
        }
    }

    /** Every field the README shows is in the answer, nested ones too; the answer may say more. */
    private static void assertSameShape(JsonNode documented, JsonNode actual, String path, String where) {
        if (documented.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object; " + where).isTrue();
            documented.properties().forEach(field -> {
                assertThat(actual.has(field.getKey())).as(path + "." + field.getKey() + " is missing; " + where)
                        .isTrue();
                assertSameShape(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey(), where);
            });
        } else if (documented.isArray() && !documented.isEmpty()) {
            assertThat(actual.isArray() && !actual.isEmpty()).as(path + " has items; " + where).isTrue();
            assertSameShape(documented.get(0), actual.get(0), path + "[0]", where);
        }
    }

    /** The JSON of an answer, after the status line and headers when it has them. */
    private static String body(String answer) {
        int json = answer.indexOf('{');
        assertThat(json).as("an answer with a JSON body: " + answer).isNotNegative();
        return answer.substring(json);
    }

    private static Path workingFolder() {
        try {
            return Files.createTempDirectory("saathi-readme-");
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
