package org.saathi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.sun.net.httpserver.HttpServer;

/**
 * The browser kit itself, on small pages served the way the staff pages will be: with a strict
 * Content-Security-Policy that allows no inline script.
 */
class BrowserTests {

    private static final String POLICY = "default-src 'self'; script-src 'self'";

    /** Each page tries an inline script; under the policy it must not run. */
    private static final String INLINE_SCRIPT = """
            <script>document.documentElement.dataset.inlineScript = 'ran';</script>""";

    private static final Map<String, String> PAGES = Map.of(
            "/accessible", page("Alerts", """
                    <main>
                      <h1>Open alerts</h1>
                      <img src="/logo.svg" alt="Saathi">
                      <form>
                        <label for="note">Note</label>
                        <input id="note" name="note" type="text">
                        <button type="submit">Save</button>
                      </form>
                    </main>"""),
            "/image-without-alt", page("Alerts", """
                    <main>
                      <h1>Open alerts</h1>
                      <img id="logo" src="/logo.svg">
                    </main>"""),
            "/unlabelled-input", page("Alerts", """
                    <main>
                      <h1>Open alerts</h1>
                      <form><input id="note" name="note" type="text"></form>
                    </main>"""));

    private static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#2a6"/></svg>""";

    private static HttpServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/logo.svg") ? LOGO : PAGES.get(path);
            String type = path.equals("/logo.svg") ? "image/svg+xml" : "text/html; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("Content-Type", type);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        browser = Browser.desktop();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAccessiblePageHasNoSeriousViolationsEvenUnderAStrictPolicy() {
        browser.visit(url("/accessible"));

        List<Browser.Violation> violations = browser.axeViolations();

        assertThat(violations).isEmpty();
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("data-inline-script"))
                .as("the policy is in force: inline script is blocked")
                .isNull();
    }

    @Test
    void anImageWithoutAltTextIsReportedByRuleAndElement() {
        browser.visit(url("/image-without-alt"));

        List<Browser.Violation> violations = browser.axeViolations();

        assertThat(violations).extracting(Browser.Violation::id).containsExactly("image-alt");
        Browser.Violation violation = violations.get(0);
        assertThat(violation.impact()).isEqualTo("critical");
        assertThat(violation.targets()).containsExactly("#logo");
        assertThat(violation).hasToString("image-alt (critical): Images must have alternative text at #logo");
    }

    @Test
    void anUnlabelledInputIsReported() {
        browser.visit(url("/unlabelled-input"));

        assertThat(browser.axeViolations())
                .extracting(Browser.Violation::id, Browser.Violation::targets)
                .contains(Tuple.tuple("label", List.of("#note")));
    }

    @Test
    void aScreenshotIsAPngOfTheWindow() throws IOException {
        browser.visit(url("/accessible"));

        Path file = browser.screenshot("browser-kit-desktop");

        assertThat(file).isEqualTo(Browser.SCREENSHOTS.resolve("browser-kit-desktop.png")).isNotEmptyFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a PNG that ImageIO can read").isNotNull();
        assertThat(image.getWidth()).isEqualTo(Browser.WindowSize.DESKTOP.width());
        assertThat(image.getHeight()).isEqualTo(Browser.WindowSize.DESKTOP.height());
    }

    @Test
    void aPhoneWindowLaysThePageOutAtPhoneWidth() throws IOException {
        try (Browser phone = Browser.phone()) {
            phone.visit(url("/accessible"));

            Object viewport = phone.driver().executeScript("return [window.innerWidth, window.innerHeight];");

            assertThat(viewport).isEqualTo(List.of(360L, 740L));
            BufferedImage image = ImageIO.read(phone.screenshot("browser-kit-phone").toFile());
            assertThat(image.getWidth()).isEqualTo(360);
            assertThat(image.getHeight()).isEqualTo(740);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title></head>
                <body>%s
                %s
                </body>
                </html>
                """.formatted(title, body, INLINE_SCRIPT);
    }
}
