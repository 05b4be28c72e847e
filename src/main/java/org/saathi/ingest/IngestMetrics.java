package org.saathi.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Facts received, by type and result (created, duplicate, rejected), counted from the answer the
 * integration got, so that a rejection before any code of ours ran (a malformed body) counts too.
 */
@Configuration(proxyBeanMethods = false)
class IngestMetrics implements WebMvcConfigurer, HandlerInterceptor {

    private static final Map<String, String> TYPES = Map.of("/api/v1/check-ins", "CHECK_IN",
            "/api/v1/attendance", "ATTENDANCE", "/api/v1/screenings", "SCREENING",
            "/api/v1/peer-concerns", "PEER_CONCERN");

    private final MeterRegistry registry;
    /** Each type and result's counter, built once rather than on every request. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry interceptors) {
        interceptors.addInterceptor(this).addPathPatterns(TYPES.keySet().toArray(String[]::new));
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        String type = TYPES.get(request.getRequestURI().substring(request.getContextPath().length()));
        if (type == null || !"POST".equals(request.getMethod())) {
            return;
        }
        int status = response.getStatus();
        count(type, status == 201 ? "created" : status == 200 ? "duplicate" : status >= 500 ? "failed" : "rejected", 1);
    }

    void batch(CheckInBatch.BatchResponse answer) {
        count("CHECK_IN", "created", answer.created());
        count("CHECK_IN", "duplicate", answer.duplicates());
        count("CHECK_IN", "rejected", answer.rejected());
    }

    private void count(String type, String result, int facts) {
        if (facts > 0) {
            counters.computeIfAbsent(type + " " + result, key -> Counter.builder("saathi.facts.ingested")
                    .description("Facts received, by type and result").tag("type", type).tag("result", result)
                    .register(registry)).increment(facts);
        }
    }
}
