package org.saathi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.saathi.testing.Browser;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI in a real browser, as a staff member opens it: through the login page, under its own
 * Content-Security-Policy, with every API operation listed and nothing the policy had to block.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiBrowserTests {

    /**
     * Policy violations the page met, including those before this script ran: a buffered
     * ReportingObserver hands over the reports the browser already queued.
     */
    private static final String POLICY_VIOLATIONS = """
            const done = arguments[arguments.length - 1];
            const describe = report => [report.body.effectiveDirective, report.body.blockedURL,
                    report.body.sourceFile + ':' + report.body.lineNumber].join(' ');
            const seen = [];
            const observer = new ReportingObserver(reports => seen.push(...reports.map(describe)),
                    { types: ['csp-violation'], buffered: true });
            observer.observe();
            setTimeout(() => done(seen.concat(observer.takeRecords().map(describe))), 500);
            """;

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Browser browser;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        browser = Browser.desktop();
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void staffMemberSignsInAndSeesEveryOperationWithNothingBlocked() {
        String counsellor = fixtures.staff("COUNSELLOR");
        WebDriver page = browser.driver();

        browser.visit(url("/swagger-ui.html"));
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
        page.findElement(By.id("username")).sendKeys(counsellor);
        page.findElement(By.id("password")).sendKeys(Fixtures.STAFF_PASSWORD);
        page.findElement(By.xpath("//button[text()='Sign in']")).click();

        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/swagger-ui/"));
        new WebDriverWait(page, Duration.ofSeconds(20))
                .until(driver -> driver.findElements(By.cssSelector(".opblock")).size() >= 20);
        browser.screenshot("swagger-ui");

        assertThat(page.findElement(By.cssSelector(".info .title")).getText()).contains("Saathi API");
        assertThat(page.findElements(By.cssSelector(".opblock-summary-path")))
                .extracting(element -> element.getAttribute("data-path"))
                .contains("/api/v1/check-ins", "/api/v1/alerts/{id}/acknowledge")
                .allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
        tryOutTheActiveRuleSetAs(counsellor);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) browser.driver().executeAsyncScript(POLICY_VIOLATIONS);
        assertThat(violations).as("blocked by the Content-Security-Policy").isEmpty();
    }

    /** Authorize with HTTP Basic in the dialog, then "Try it out" on GET /api/v1/rules: the API answers. */
    private void tryOutTheActiveRuleSetAs(String staffId) {
        WebDriver page = browser.driver();
        page.findElement(By.cssSelector(".scheme-container .btn.authorize")).click();
        wait(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-basic-username"))).sendKeys(staffId);
        page.findElement(By.id("auth-basic-password")).sendKeys(Fixtures.STAFF_PASSWORD);
        page.findElement(By.xpath("//input[@id='auth-basic-username']/ancestor::div[contains(@class,'auth-container')]"
                + "//button[contains(@class,'authorize')]")).click();
        page.findElement(By.cssSelector(".btn-done")).click();

        WebElement operation = page.findElement(By.id("operations-Rules-getRules"));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        WebElement tryOut = operation.findElement(By.cssSelector(".try-out__btn"));
        wait(page).until(ExpectedConditions.elementToBeClickable(tryOut)).click();
        operation.findElement(By.cssSelector(".btn.execute")).click();
        WebElement answer = wait(page).until(driver -> operation.findElement(
                By.cssSelector(".live-responses-table tr.response")));
        browser.driver().executeScript("arguments[0].scrollIntoView()", answer);
        browser.screenshot("swagger-ui-try-it-out");
        assertThat(answer.findElement(By.cssSelector(".response-col_status")).getText()).isEqualTo("200");
        assertThat(answer.findElement(By.cssSelector(".response-col_description")).getText()).contains("\"version\"");
    }

    private static WebDriverWait wait(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
