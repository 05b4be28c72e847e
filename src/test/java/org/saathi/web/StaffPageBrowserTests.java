package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.saathi.testing.Api;
import org.saathi.testing.Browser;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff page in a real browser: what a counsellor does all day (see a new alert come in, open
 * it, read why, acknowledge it), what a peer mentor must not see, and whether the pages work for
 * everyone: on a phone, with a keyboard alone, and without serious accessibility barriers.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPageBrowserTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String mentor;
    String counsellor;
    Browser browser;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
        browser = Browser.desktop();
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void counsellorSeesAFreshAlertArriveOpensItReadsTheEvidenceAndAcknowledgesIt() {
        logIn(browser, counsellor);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Alerts");

        String alertId = highCraving(ownParticipant());
        // No reload: the queue fetches its rows by itself.
        WebElement link = waitFor(browser.driver(), By.cssSelector("a[href='/alerts/" + alertId + "']"));
        browser.screenshot("queue-with-fresh-alert");
        link.click();

        WebDriver page = browser.driver();
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("WATCH").contains("CHK-001");
        assertThat(page.findElement(By.cssSelector(".explanation")).getText()).isNotBlank();
        assertThat(page.findElement(By.cssSelector("table.evidence")).getText()).contains("CHECK_IN").contains("craving 9");
        assertThat(page.findElement(By.cssSelector("#who")).isDisplayed()).isTrue();
        assertThat(statusOnPage(page)).isEqualTo("OPEN");
        browser.screenshot("alert-detail-open");

        page.findElement(By.id("ack-note")).sendKeys("Called, will visit tomorrow");
        page.findElement(By.xpath("//button[text()='Acknowledge']")).click();

        waitFor(page, By.cssSelector(".flash.ok"));
        assertThat(statusOnPage(page)).isEqualTo("ACKNOWLEDGED");
        assertThat(page.findElement(By.cssSelector("ol.history")).getText()).contains("ACKNOWLEDGED")
                .contains(counsellor).contains("Called, will visit tomorrow");
        assertThat(page.findElements(By.xpath("//button[text()='Acknowledge']"))).isEmpty();
        browser.screenshot("alert-detail-acknowledged");
        logOut(browser);
    }

    @Test
    void peerMentorCannotOpenAnotherCaseloadsAlertAndDoesNotSeeItInTheQueue() {
        String otherParticipant = fixtures.participant();
        String foreign = highCraving(otherParticipant);
        String own = highCraving(ownParticipant());

        try (Browser phone = Browser.phone()) {
            logIn(phone, mentor);
            waitFor(phone.driver(), By.cssSelector("a[href='/alerts/" + own + "']"));
            assertThat(phone.driver().findElements(By.cssSelector("a[href='/alerts/" + foreign + "']"))).isEmpty();
            assertThat(phone.driver().getPageSource()).doesNotContain(otherParticipant);

            phone.visit(url("/alerts/" + foreign));
            assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
            assertThat(phone.driver().getPageSource()).doesNotContain(otherParticipant);
            phone.screenshot("mentor-foreign-alert-not-found");

            phone.visit(url("/participants/" + otherParticipant));
            assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        }
    }

    @Test
    void peerMentorIsNotOfferedResolveOrSnooze() {
        String alertId = highCraving(ownParticipant());
        try (Browser mentorBrowser = Browser.desktop()) {
            logIn(mentorBrowser, mentor);
            mentorBrowser.visit(url("/alerts/" + alertId));
            assertThat(mentorBrowser.driver().findElements(By.xpath("//button[text()='Resolve']"))).isEmpty();
            assertThat(mentorBrowser.driver().findElements(By.xpath("//button[text()='Snooze']"))).isEmpty();
        }
    }

    @Test
    void queueDetailAndParticipantPagesHaveNoSeriousAccessibilityViolations() {
        String participant = ownParticipant();
        String alertId = highCraving(participant);
        logIn(browser, counsellor);
        waitFor(browser.driver(), By.cssSelector("a[href='/alerts/" + alertId + "']"));
        assertThat(browser.axeViolations()).as("queue").isEmpty();

        browser.visit(url("/alerts/" + alertId));
        assertThat(browser.axeViolations()).as("alert detail").isEmpty();

        browser.visit(url("/participants/" + participant));
        waitFor(browser.driver(), By.cssSelector("#chart canvas"));
        assertThat(browser.axeViolations()).as("participant page").isEmpty();
        browser.screenshot("participant-page");

        browser.visit(url("/login?failed"));
        assertThat(browser.axeViolations()).as("login page").isEmpty();
        logOut(browser);
    }

    @Test
    void pagesFitA360PixelPhoneWithoutSidewaysScrolling() {
        String participant = ownParticipant();
        String alertId = highCraving(participant);
        try (Browser phone = Browser.phone()) {
            logIn(phone, counsellor);
            waitFor(phone.driver(), By.cssSelector("a[href='/alerts/" + alertId + "']"));
            assertThat(scrollWidth(phone)).as("queue").isLessThanOrEqualTo(360);
            phone.screenshot("phone-queue");

            phone.visit(url("/alerts/" + alertId));
            assertThat(scrollWidth(phone)).as("alert detail").isLessThanOrEqualTo(360);
            phone.screenshot("phone-alert-detail");

            phone.visit(url("/participants/" + participant));
            waitFor(phone.driver(), By.cssSelector("#chart canvas"));
            assertThat(scrollWidth(phone)).as("participant").isLessThanOrEqualTo(360);
            phone.screenshot("phone-participant");
        }
    }

    @Test
    void keyboardAloneLogsInOpensAnAlertAndAcknowledgesIt() {
        String alertId = highCraving(ownParticipant());
        try (Browser keyboard = Browser.desktop()) {
            keyboard.visit(url("/login"));
            WebDriver page = keyboard.driver();
            // The user name field has the focus when the page opens.
            new Actions(page).sendKeys(counsellor).sendKeys(Keys.TAB).sendKeys(Fixtures.STAFF_PASSWORD)
                    .sendKeys(Keys.ENTER).perform();
            WebElement link = waitFor(page, By.cssSelector("a[href='/alerts/" + alertId + "']"));
            int presses = 0;
            while (!link.equals(page.switchTo().activeElement()) && presses++ < 60) {
                new Actions(page).sendKeys(Keys.TAB).perform();
            }
            assertThat(page.switchTo().activeElement()).as("alert link reachable by Tab").isEqualTo(link);
            new Actions(page).sendKeys(Keys.ENTER).perform();

            WebElement acknowledge = waitFor(page, By.xpath("//button[text()='Acknowledge']"));
            presses = 0;
            while (!acknowledge.equals(page.switchTo().activeElement()) && presses++ < 60) {
                new Actions(page).sendKeys(Keys.TAB).perform();
            }
            assertThat(page.switchTo().activeElement()).as("acknowledge reachable by Tab").isEqualTo(acknowledge);
            new Actions(page).sendKeys(Keys.ENTER).perform();
            waitFor(page, By.cssSelector(".flash.ok"));
            assertThat(statusOnPage(page)).isEqualTo("ACKNOWLEDGED");
        }
    }

    @Test
    void textFromOutsideStaysTextAndNoInjectedScriptRuns() {
        String id = Fixtures.uniqueId("P");
        assertThat(fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "<script>window.injected = 1; alert(1)</script><img src=x onerror=\\"alert(2)\\">",
                 "peerMentorId": "%s", "counsellorId": "%s", "consent": {"shareWithPeerMentor": true}}"""
                .formatted(mentor, counsellor)).status()).isEqualTo(201);
        assertThat(ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6,
                 "note": "</script><script>window.injected = 2</script><b onmouseover=alert(3)>x</b>"}"""
                .formatted(id, Instant.now().minus(1, ChronoUnit.MINUTES))).status()).isEqualTo(201);

        logIn(browser, counsellor);
        browser.visit(url("/participants/" + id));
        WebDriver page = browser.driver();
        waitFor(page, By.cssSelector("#chart canvas"));
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("<script>window.injected = 1;");
        assertThat(page.findElement(By.cssSelector("table.evidence")).getText())
                .contains("</script><script>window.injected = 2</script>");
        assertThat(browser.driver().executeScript("return typeof window.injected")).isEqualTo("undefined");
        assertThatThrownBy(() -> page.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        logOut(browser);
    }

    /** A new participant of this mentor and counsellor, so that an alert raised for them is new and open. */
    private String ownParticipant() {
        return fixtures.participant(mentor, counsellor, true);
    }

    private String highCraving(String participantId) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participantId, Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS)));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private void logIn(Browser into, String staffId) {
        into.visit(url("/login"));
        WebDriver page = into.driver();
        page.findElement(By.id("username")).sendKeys(staffId);
        page.findElement(By.id("password")).sendKeys(Fixtures.STAFF_PASSWORD);
        page.findElement(By.xpath("//button[text()='Sign in']")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/alerts"));
    }

    private void logOut(Browser from) {
        from.visit(url("/alerts"));
        from.driver().findElement(By.xpath("//button[text()='Sign out']")).click();
        new WebDriverWait(from.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    }

    private static WebElement waitFor(WebDriver page, By what) {
        return new WebDriverWait(page, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static String statusOnPage(WebDriver page) {
        return page.findElement(By.cssSelector("dl.facts .status")).getText();
    }

    private static long scrollWidth(Browser browser) {
        return (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
