package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.saathi.testing.Api;
import org.saathi.testing.Browser;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The alert page says what to do, at the top, for the alert's severity now: a concern that rose
 * from LOW to HIGH shows the URGENT response, not the WATCH one it was raised with.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatToDoBrowserTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String mentor;
    String counsellor;
    Browser browser;
    JsonNode responses;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
        responses = fixtures.admin().get("/api/v1/rules").json().path("responses");
        browser = Browser.desktop();
        logIn();
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void theAlertPageShowsWhatToDoAtItsCurrentSeverityAboveWhyItFired() {
        String participant = fixtures.participant(mentor, counsellor, true);
        String alertId = concern(participant, "LOW", 3);
        String watch = response("PEER-001", "WATCH");

        browser.visit(url("/alerts/" + alertId));
        WebDriver page = browser.driver();
        WebElement whatToDo = page.findElement(By.cssSelector("section.what-to-do"));
        assertThat(whatToDo.findElement(By.tagName("h2")).getText()).isEqualTo("What to do");
        assertThat(whatToDo.findElement(By.cssSelector(".response")).getText()).isEqualTo(watch);
        assertThat(whatToDo.getLocation().getY())
                .isLessThan(page.findElement(By.cssSelector("dl.facts")).getLocation().getY())
                .isLessThan(page.findElement(By.id("why")).getLocation().getY());

        assertThat(concern(participant, "HIGH", 1)).as("the same alert, raised to URGENT").isEqualTo(alertId);
        browser.visit(url("/alerts/" + alertId));
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("URGENT");
        String shown = page.findElement(By.cssSelector("section.what-to-do .response")).getText();
        assertThat(shown).isEqualTo(response("PEER-001", "URGENT")).isNotEqualTo(watch);
        browser.screenshot("alert-what-to-do-urgent");
    }

    @Test
    void theSourceOfTheGuidanceIsShownWhereTheRuleSetNamesOne() {
        String participant = fixtures.participant(mentor, counsellor, true);
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.MINUTES)));
        String alertId = reply.json().path("alerts").get(0).path("id").asString();

        browser.visit(url("/alerts/" + alertId));

        WebElement whatToDo = browser.driver().findElement(By.cssSelector("section.what-to-do"));
        assertThat(whatToDo.findElement(By.cssSelector(".response")).getText()).isEqualTo(response("CHK-001", "WATCH"));
        assertThat(whatToDo.findElement(By.cssSelector(".source")).getText())
                .isEqualTo("Source: " + responses.path("CHK-001").path("source").asString());
    }

    private String concern(String participant, String level, int hoursAgo) {
        Api.Reply reply = ingest.post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "%s", "category": "ISOLATION"}"""
                .formatted(participant, Fixtures.ago(hoursAgo, ChronoUnit.HOURS), level));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private String response(String ruleId, String severity) {
        String text = responses.path(ruleId).path("bySeverity").path(severity).asString();
        assertThat(text).as("%s %s in GET /api/v1/rules", ruleId, severity).isNotBlank();
        return text;
    }

    private void logIn() {
        browser.visit(url("/login"));
        WebDriver page = browser.driver();
        page.findElement(By.id("username")).sendKeys(counsellor);
        page.findElement(By.id("password")).sendKeys(Fixtures.STAFF_PASSWORD);
        page.findElement(By.xpath("//button[text()='Sign in']")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/alerts"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
