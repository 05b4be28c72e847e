package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.saathi.testing.Browser;
import org.saathi.testing.Fixtures;
import org.saathi.testing.HeldTable;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The backtest page in a real browser: a supervisor compares the active rules with a candidate
 * that raises CHK-001's craving threshold to 10, watches the progress, and reads the answer as it
 * arrives without a reload; on a desktop and a 360-pixel phone, without serious accessibility
 * barriers, and by keyboard.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestPageBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock clock;

    BacktestHistory history;
    String candidate;
    Browser browser;

    @BeforeAll
    void setUp() {
        history = BacktestHistory.make(new Fixtures(port), clock);
        candidate = BacktestHistory.candidate(Fixtures.uniqueId("craving-10"), "thresholds.yaml",
                yaml -> yaml.replace("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 10,"));
        browser = Browser.desktop();
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void supervisorComparesACandidateWatchesTheProgressAndReadsTheChartsAndTables() {
        logIn(browser);
        browser.visit(url("/rules/backtest"));
        WebDriver page = browser.driver();
        assertThat(browser.axeViolations()).as("form").isEmpty();
        browser.screenshot("backtest-form");

        new Select(page.findElement(By.id("compareWith"))).selectByValue(candidate);
        page.findElement(By.cssSelector("input[name='factsCount'][value='RECORDED']")).click();
        String path;
        // Nobody can read check-ins while this is held: the backtest stays at 0 of 2 for the test to see.
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            page.findElement(By.xpath("//button[text()='Start the backtest']")).click();
            WebElement progress = waitFor(page, By.id("progress-bar"));
            assertThat(progress.getDomAttribute("max")).isEqualTo("2");
            assertThat(page.findElement(By.id("progress")).getText()).contains("0 of 2");
            WebElement cancel = page.findElement(By.xpath("//button[text()='Cancel the backtest']"));
            int presses = 0;
            while (!cancel.equals(page.switchTo().activeElement()) && presses++ < 20) {
                new Actions(page).sendKeys(Keys.TAB).perform();
            }
            assertThat(page.switchTo().activeElement()).as("cancel reachable by Tab").isEqualTo(cancel);
            path = page.getCurrentUrl();
            browser.screenshot("backtest-running");
        }

        // No reload: the page's own refresh brings the answer in place of the progress.
        waitFor(page, By.cssSelector("#weekly-chart-0 canvas"));
        waitFor(page, By.cssSelector("#weekly-chart-1 canvas"));
        assertThat(page.getCurrentUrl()).isEqualTo(path);
        assertThat(page.findElements(By.id("progress-bar"))).isEmpty();
        assertThat(page.switchTo().activeElement().getDomAttribute("id")).as("focus lands on the answer, not lost")
                .isEqualTo("figures-title");
        WebElement chk001 = page.findElement(By.id("rule-CHK-001"));
        assertThat(cell(chk001, "Alerts, Active rule set")).isEqualTo("1");
        assertThat(cell(chk001, "Alerts, Candidate " + candidate)).isEqualTo("0");
        assertThat(cell(chk001, "Removed")).isEqualTo("1");
        assertThat(cell(chk001, "Added")).isEqualTo("0");
        assertThat(page.findElements(By.cssSelector(".u-legend .u-series"))).as("a legend entry per rule and chart")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(page.findElements(By.cssSelector("table.recipients-budget meter"))).isNotEmpty();
        assertThat(browser.axeViolations()).as("answer").isEmpty();
        browser.screenshot("backtest-result");
        scrollTo(page, "weekly");
        browser.screenshot("backtest-result-charts");
        scrollTo(page, "recipients-title");
        browser.screenshot("backtest-result-tables");

        try (Browser phone = Browser.phone()) {
            logIn(phone);
            phone.visit(path);
            waitFor(phone.driver(), By.cssSelector("#weekly-chart-1 canvas"));
            assertThat(scrollWidth(phone)).as("answer on a phone").isLessThanOrEqualTo(360);
            phone.screenshot("phone-backtest-result");
            scrollTo(phone.driver(), "weekly");
            phone.screenshot("phone-backtest-result-charts");
            scrollTo(phone.driver(), "rules-title");
            phone.screenshot("phone-backtest-result-rules");

            phone.visit(url("/rules/backtest"));
            assertThat(scrollWidth(phone)).as("form on a phone").isLessThanOrEqualTo(360);
            phone.screenshot("phone-backtest-form");
        }
    }

    @Test
    void theFormIsUsableByKeyboardAlone() {
        try (Browser keyboard = Browser.desktop()) {
            logIn(keyboard);
            keyboard.visit(url("/rules/backtest"));
            WebDriver page = keyboard.driver();
            WebElement start = page.findElement(By.xpath("//button[text()='Start the backtest']"));
            int presses = 0;
            while (!start.equals(page.switchTo().activeElement()) && presses++ < 40) {
                new Actions(page).sendKeys(Keys.TAB).perform();
            }
            assertThat(page.switchTo().activeElement()).as("start reachable by Tab").isEqualTo(start);
            page.findElement(By.id("step")).clear();
            page.findElement(By.id("step")).sendKeys("2");
            // The browser's own check is left out, as a script or an old browser would: the server's message shows.
            ((JavascriptExecutor) page).executeScript(
                    "document.querySelector('.backtest-form').noValidate = true");
            page.findElement(By.id("step")).sendKeys(Keys.ENTER);
            WebElement problem = waitFor(page, By.id("step-problem"));
            assertThat(problem.getText()).contains("must be at least 5 minutes");
            assertThat(page.findElement(By.id("step")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(keyboard.axeViolations()).as("form with problems").isEmpty();
            keyboard.screenshot("backtest-form-problems");
        }
    }

    private static String cell(WebElement row, String label) {
        return row.findElement(By.cssSelector("td[data-label='" + label + "']")).getText();
    }

    private void logIn(Browser into) {
        into.visit(url("/login"));
        WebDriver page = into.driver();
        page.findElement(By.id("username")).sendKeys(history.supervisor());
        page.findElement(By.id("password")).sendKeys(Fixtures.STAFF_PASSWORD);
        page.findElement(By.xpath("//button[text()='Sign in']")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/alerts"));
    }

    private static void scrollTo(WebDriver page, String id) {
        ((JavascriptExecutor) page).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static WebElement waitFor(WebDriver page, By what) {
        return new WebDriverWait(page, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static long scrollWidth(Browser browser) {
        return (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
