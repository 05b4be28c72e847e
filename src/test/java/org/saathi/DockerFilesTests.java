package org.saathi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files in docker/ are written where no container engine runs, so nothing here starts them:
 * these tests parse them and check that they point at each other, that the metrics port stays
 * private and that the dashboard asks only for metrics Saathi has.
 */
class DockerFilesTests {

    private static final Path DOCKER = Path.of("docker");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What Saathi exposes at /actuator/prometheus, and what Prometheus records itself. */
    private static final Set<String> METRICS = Set.of("saathi_alerts_raised_total",
            "saathi_alert_time_to_acknowledge_seconds_bucket", "saathi_alert_changes_total",
            "saathi_notifications_total", "saathi_outbox_backlog", "saathi_outbox_oldest_pending_age_seconds",
            "saathi_facts_ingested_total", "saathi_rule_evaluation_seconds_bucket", "saathi_sweep_seconds_bucket",
            "saathi_rule_reloads_total", "up");

    private final JsonNode compose = read(YAML, DOCKER.resolve("compose.yaml"));
    private final JsonNode saathi = compose.path("services").path("saathi");

    @Test
    void composeRunsSaathiWithPostgresMailCatcherPrometheusAndGrafana() {
        assertThat(compose.path("services").propertyNames())
                .contains("saathi", "postgres", "mailpit", "prometheus", "grafana");
        assertThat(image("postgres")).isEqualTo("postgres:17");
        assertThat(image("mailpit")).startsWith("axllent/mailpit:");
        assertThat(image("prometheus")).startsWith("prom/prometheus:");
        assertThat(image("grafana")).startsWith("grafana/grafana:");
        assertThat(DOCKER.resolve(saathi.path("build").path("context").asString())
                .resolve(saathi.path("build").path("dockerfile").asString())).isRegularFile();
    }

    @Test
    void theDatabaseServerCreatesTheOwnerAndTheServiceRoleOnItsFirstStart() throws IOException {
        Path script = hostPathMountedAt("postgres", "/docker-entrypoint-initdb.d/roles.sh");
        String roles = Files.readString(script);
        assertThat(roles).contains("CREATE ROLE saathi_owner LOGIN PASSWORD :'owner_password'")
                .contains("CREATE ROLE saathi_service LOGIN PASSWORD :'service_password'")
                .contains("$SAATHI_OWNER_PASSWORD").contains("$SAATHI_SERVICE_PASSWORD")
                .contains("OWNER TO saathi_owner").doesNotContain("SUPERUSER");
        assertThat(Files.isExecutable(script)).as("the image runs it as a script").isTrue();
    }

    @Test
    void saathiUsesThePostgresServiceOnceItIsHealthy() {
        Map<String, String> env = env("saathi");
        Map<String, String> db = env("postgres");
        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo("saathi_service");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(db.get("SAATHI_SERVICE_PASSWORD"));
        assertThat(env.get("SPRING_FLYWAY_USER")).isEqualTo("saathi_owner");
        assertThat(env.get("SPRING_FLYWAY_PASSWORD")).isEqualTo(db.get("SAATHI_OWNER_PASSWORD"));
        assertThat(saathi.path("depends_on").path("postgres").path("condition").asString()).isEqualTo("service_healthy");
        assertThat(service("postgres").path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(saathi.path("healthcheck").path("test").toString()).contains("/actuator/health");
        assertThat(env.get("SPRING_MAIL_HOST")).isEqualTo("mailpit");
    }

    @Test
    void adminPasswordMustBeGivenWhenStarting() {
        assertThat(env("saathi").get("SAATHI_ADMIN_PASSWORD")).startsWith("${SAATHI_ADMIN_PASSWORD:?");
        assertThat(env("grafana")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
    }

    @Test
    void publishesTheHttpPortButNeverTheMetricsPort() {
        String management = env("saathi").get("MANAGEMENT_SERVER_PORT");
        assertThat(management).isEqualTo("8081");
        assertThat(env("saathi")).containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
        assertThat(publishedPorts("saathi")).contains("8080").doesNotContain(management);
    }

    @Test
    void everyMountedFileOrFolderIsInTheRepository() {
        compose.path("services").forEachEntry((name, service) -> {
            for (Mount mount : mounts(name)) {
                if (mount.fromHost()) {
                    assertThat(DOCKER.resolve(mount.source())).as(name + " mounts " + mount.source()).exists();
                } else {
                    assertThat(compose.path("volumes").has(mount.source())).as("volume " + mount.source()).isTrue();
                }
            }
        });
    }

    @Test
    void prometheusScrapesTheManagementPortEvery15Seconds() {
        JsonNode config = read(YAML, hostPathMountedAt("prometheus", "/etc/prometheus/prometheus.yml"));
        String target = "saathi:" + env("saathi").get("MANAGEMENT_SERVER_PORT");
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs").values()) {
            if (job.path("static_configs").toString().contains('"' + target + '"')) {
                jobs.add(job);
            }
        }
        assertThat(jobs).as("a job scraping " + target).hasSize(1);
        assertThat(jobs.get(0).path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
        assertThat(jobs.get(0).path("scrape_interval").asString(config.path("global").path("scrape_interval").asString()))
                .isEqualTo("15s");
    }

    @Test
    void grafanaLoadsTheDashboardFolderItIsGiven() {
        JsonNode providers = read(YAML, hostPathMountedAt("grafana", "/etc/grafana/provisioning/dashboards")
                .resolve("saathi.yaml")).path("providers");
        assertThat(providers.values()).hasSize(1);
        String path = providers.get(0).path("options").path("path").asString();
        assertThat(hostPathMountedAt("grafana", path).resolve("saathi.json")).isRegularFile();
        assertThat(prometheusDataSource().path("url").asString()).isEqualTo("http://prometheus:9090");
    }

    @Test
    void dashboardAsksOnlyForSaathisMetricsFromTheProvisionedPrometheus() {
        String uid = prometheusDataSource().path("uid").asString();
        JsonNode dashboard = read(JSON, DOCKER.resolve("grafana/dashboards/saathi.json"));
        assertThat(dashboard.path("uid").asString()).isEqualTo("saathi");
        assertThat(dashboard.path("title").asString()).isEqualTo("Saathi");
        assertThat(dashboard.path("panels").values()).hasSizeGreaterThanOrEqualTo(8);
        Set<String> queried = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels").values()) {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(uid);
            assertThat(panel.path("targets").values()).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets").values()) {
                String expr = target.path("expr").asString();
                assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo(uid);
                assertThat(metricNames(expr)).as(title + ": " + expr).isNotEmpty().isSubsetOf(METRICS);
                queried.addAll(metricNames(expr));
            }
        }
        assertThat(queried).as("every metric has a panel").containsAll(METRICS);
    }

    @Test
    void imageIsBuiltInOneStageAndRunsAsAnUnprivilegedUserInTheNext() {
        List<List<String>> stages = dockerfileStages();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        List<String> last = stages.get(stages.size() - 1);
        String user = last.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b)
                .map(line -> line.substring(5).trim().split(":")[0]).orElse("root");
        assertThat(user).as("the final stage's USER").isNotIn("root", "0", "");
        assertThat(last).anyMatch(line -> line.matches("COPY (--\\S+ )*rules \\S+"));
        assertThat(last).anyMatch(line -> line.startsWith("HEALTHCHECK ") && line.contains("/actuator/health"));
        assertThat(last).anyMatch(line -> line.startsWith("EXPOSE ") && line.contains("8080") && line.contains("8081"));
    }

    @Test
    void buildContextHoldsWhatTheDockerfileCopiesAndNoLocalData() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(ignore.get(0)).as("everything is left out unless allowed").isEqualTo("*");
        Set<String> allowed = new LinkedHashSet<>();
        ignore.stream().filter(line -> line.startsWith("!")).forEach(line -> allowed.add(line.substring(1)));
        assertThat(allowed).doesNotContain("data", "target", ".git");
        for (List<String> stage : dockerfileStages()) {
            for (String line : stage) {
                if (line.startsWith("COPY ") && !line.contains("--from=")) {
                    String[] words = line.split("\\s+");
                    for (int i = 1; i < words.length - 1; i++) {
                        assertThat(allowed).as(line).contains(words[i].replaceAll("/$", ""));
                    }
                }
            }
        }
    }

    /** Metric names in a PromQL expression: what is left without labels, ranges, groupings and functions. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher word = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b(?!\\s*\\()").matcher(bare);
        while (word.find()) {
            if (!Set.of("and", "or", "unless", "bool", "offset").contains(word.group())) {
                names.add(word.group());
            }
        }
        return names;
    }

    private JsonNode prometheusDataSource() {
        JsonNode sources = read(YAML, hostPathMountedAt("grafana", "/etc/grafana/provisioning/datasources")
                .resolve("prometheus.yaml")).path("datasources");
        assertThat(sources.values()).hasSize(1);
        assertThat(sources.get(0).path("type").asString()).isEqualTo("prometheus");
        return sources.get(0);
    }

    private JsonNode service(String name) {
        return compose.path("services").path(name);
    }

    private String image(String service) {
        return service(service).path("image").asString();
    }

    /** A service's environment, written either as a map or as a list of NAME=value. */
    private Map<String, String> env(String service) {
        JsonNode environment = service(service).path("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isArray()) {
            environment.values().forEach(line -> env.put(line.asString().split("=", 2)[0], line.asString().split("=", 2)[1]));
        } else {
            environment.forEachEntry((name, value) -> env.put(name, value.asString()));
        }
        return env;
    }

    /** The container ports that a service publishes on the host, in short or long syntax. */
    private Set<String> publishedPorts(String service) {
        Set<String> ports = new LinkedHashSet<>();
        for (JsonNode port : service(service).path("ports").values()) {
            String container = port.isObject() ? port.path("target").asString()
                    : port.asString().substring(port.asString().lastIndexOf(':') + 1).replaceAll("/.*", "");
            ports.add(container);
        }
        return ports;
    }

    record Mount(String source, String target, boolean fromHost) {
    }

    private List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes").values()) {
            if (volume.isObject()) {
                mounts.add(new Mount(volume.path("source").asString(), volume.path("target").asString(),
                        "bind".equals(volume.path("type").asString())));
            } else {
                String[] parts = volume.asString().split(":");
                mounts.add(new Mount(parts[0], parts[1], parts[0].startsWith(".") || parts[0].startsWith("/")));
            }
        }
        return mounts;
    }

    private Path hostPathMountedAt(String service, String target) {
        Mount mount = mounts(service).stream().filter(m -> m.fromHost() && m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing from the repository at " + target));
        return DOCKER.resolve(mount.source());
    }

    /** The Dockerfile's instructions, one line each, comments dropped, split at each FROM. */
    private static List<List<String>> dockerfileStages() {
        String text = readString(DOCKER.resolve("Dockerfile")).replaceAll("(?m)^\\s*#.*\\n", "").replace("\\\n", " ");
        List<List<String>> stages = new ArrayList<>();
        for (String line : text.split("\n")) {
            String instruction = line.trim().replaceAll("\\s+", " ");
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            if (!instruction.isEmpty() && !stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        return mapper.readTree(readString(file));
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new AssertionError("cannot read " + file, unreadable);
        }
    }
}
