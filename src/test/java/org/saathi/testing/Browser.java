package org.saathi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpVersionFinder;

/**
 * A headless Chromium for tests of the staff pages, sized as a staff member's desktop or phone.
 * It drives the system's own browser and driver (the Debian packages that .ci/run installs), so
 * no test run ever downloads a browser. Screenshots land in target/screenshots, where CI keeps
 * them, and {@link #axeViolations()} checks the page in front of it with axe-core.
 */
public final class Browser implements AutoCloseable {

    /** Where {@link #screenshot(String)} writes; CI keeps this folder as a build artifact. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Put on the test classpath by the build (maven-antrun-plugin in pom.xml). */
    private static final String AXE_SCRIPT = "/axe/axe.min.js";

    /** Only these block a page: a serious or critical barrier keeps someone from using it at all. */
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    private static final Pattern SCREENSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /*
     * Selenium warns at every start that it has no DevTools bindings for Debian's Chromium
     * version. The kit uses none (viewport and scripts go through the driver), so the warning
     * only hides real problems in the test output. Held here so the setting is not collected.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger(CdpVersionFinder.class.getName());

    static {
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    /**
     * Runs axe-core on the whole document and answers plain data, so nothing but strings crosses
     * back to the test. A failure inside axe comes back as {@code error} instead of a timeout.
     */
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
                .then(results => done({ violations: results.violations.map(rule => ({
                    id: rule.id,
                    impact: rule.impact,
                    help: rule.help,
                    targets: rule.nodes.map(node => node.target.flat(Infinity).join(' '))
                })) }))
                .catch(error => done({ error: String((error && error.stack) || error) }));
            """;

    private static volatile String axeSource;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * The page's viewport in CSS pixels, and whether it is a touch phone's: a phone honours the
     * page's viewport meta tag as a phone's browser does, so a page without one shows up zoomed out.
     */
    public record WindowSize(int width, int height, boolean phone) {

        /** A staff member at a laptop or desktop. */
        public static final WindowSize DESKTOP = new WindowSize(1280, 900, false);

        /** A staff member on a small phone, as on a home visit or a night shift. */
        public static final WindowSize PHONE = new WindowSize(360, 740, true);

        public WindowSize {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("window size must be positive: " + width + "x" + height);
            }
        }
    }

    /**
     * One accessibility rule the page breaks, with the CSS selectors of the elements that break
     * it, worded so that a failing assertion says what to fix and where.
     */
    public record Violation(String id, String impact, String help, List<String> targets) {

        public Violation {
            targets = List.copyOf(targets);
        }

        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " at " + String.join(", ", targets);
        }
    }

    /** A browser window of {@link WindowSize#DESKTOP}. */
    public static Browser desktop() {
        return open(WindowSize.DESKTOP);
    }

    /** A browser window of {@link WindowSize#PHONE}. */
    public static Browser phone() {
        return open(WindowSize.PHONE);
    }

    public static Browser open(WindowSize size) {
        requireExecutable(CHROMIUM);
        requireExecutable(CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        // Containers and CI run as root, where Chromium's sandbox cannot start.
                        "--no-sandbox",
                        // /dev/shm is small in containers; a full one crashes the renderer.
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=" + size.width() + "," + size.height())
                // Headless Chromium keeps windows at least 500 pixels wide and takes its own
                // toolbar out of the window's height, so the page's viewport is set directly.
                .setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                        "width", size.width(),
                        "height", size.height(),
                        "pixelRatio", 1.0,
                        "mobile", size.phone(),
                        "touch", size.phone())));
        // Naming the driver here is what keeps Selenium Manager, and its downloads, out of the run.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
            return new Browser(driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** Loads the page and waits for it to finish loading. */
    public Browser visit(String url) {
        driver.get(url);
        return this;
    }

    /** The underlying driver, to find elements, click and type. */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves what the window shows as target/screenshots/{name}.png and answers that path. Names
     * are plain file names, so one test cannot overwrite another's folder by accident.
     */
    public Path screenshot(String name) {
        if (!SCREENSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("screenshot name must be a plain file name: " + name);
        }
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The serious and critical axe-core violations on the current page; empty when there are none.
     * axe-core goes in through WebDriver rather than a script tag, which a page's
     * Content-Security-Policy does not govern, so pages with {@code script-src 'self'} are checked
     * as they are served.
     */
    public List<Violation> axeViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object';"))) {
            driver.executeScript(axeSource());
        }
        Object answer = driver.executeAsyncScript(RUN_AXE);
        if (!(answer instanceof Map<?, ?> result) || !(result.get("violations") instanceof List<?> violations)) {
            throw new IllegalStateException("axe-core did not run on " + driver.getCurrentUrl() + ": "
                    + (answer instanceof Map<?, ?> failed ? failed.get("error") : answer));
        }
        return violations.stream()
                .map(violation -> (Map<?, ?>) violation)
                .filter(violation -> BLOCKING_IMPACTS.contains(violation.get("impact")))
                .map(violation -> new Violation(
                        (String) violation.get("id"),
                        (String) violation.get("impact"),
                        (String) violation.get("help"),
                        ((List<?>) violation.get("targets")).stream().map(String::valueOf).toList()))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String axeSource() {
        String source = axeSource;
        if (source == null) {
            try (InputStream in = Browser.class.getResourceAsStream(AXE_SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(AXE_SCRIPT + " is not on the test classpath; the Maven build"
                            + " puts it there in generate-test-resources (run the tests through Maven once)");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            axeSource = source;
        }
        return source;
    }

    private static void requireExecutable(Path file) {
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException(file + " is missing: install the Debian packages chromium and"
                    + " chromium-driver (.ci/run does)");
        }
    }
}
