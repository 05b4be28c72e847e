package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** How a request's origin is judged does not depend on the language the server runs in. */
class ForeignOriginsTests {

    @Test
    void takesTheServiceOwnPagesAsOwnOnAServerRunningInTurkish() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/alerts");
            request.addHeader("Sec-Fetch-Site", "SAME-ORIGIN");

            assertThat(ForeignOrigins.fromAnotherOrigin(request)).isFalse();
        } finally {
            Locale.setDefault(before);
        }
    }
}
