package com.aiaops.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Performs one run of a check: up to 1 + retries attempts, each with the check's own timeout; up at the
 * first attempt that answers with the expected status. Redirects are not followed (a redirect is an
 * answer, and following it could lead anywhere).
 */
@ApplicationScoped
public class CheckProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * The bulkhead bounds how many probes run at once on a node, so slow targets cannot take every thread;
     * the outer timeout bounds a run of several attempts.
     */
    @Bulkhead(16)
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.MINUTES)
    public CheckRun probe(URI url, int timeoutMillis, int expectedStatus, int retries, Clock clock) {
        Instant at = clock.instant();
        String error = null;
        Integer status = null;
        Double latency = null;
        int attempt = 0;
        while (attempt <= retries) {
            attempt++;
            long start = System.nanoTime();
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeoutMillis))
                        .header("User-Agent", "aia-ops-synthetic-check/1").GET().build();
                HttpResponse<Void> response = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                latency = (System.nanoTime() - start) / 1_000_000.0;
                status = response.statusCode();
                if (status == expectedStatus) {
                    return new CheckRun(at, true, status, latency, attempt, null);
                }
                error = "expected status " + expectedStatus + ", got " + status;
            } catch (HttpTimeoutException e) {
                latency = (System.nanoTime() - start) / 1_000_000.0;
                error = "no answer within " + timeoutMillis + " ms";
            } catch (IOException e) {
                latency = null;
                error = "connection failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
        }
        return new CheckRun(at, false, status, latency, attempt, error.length() > 500 ? error.substring(0, 500) : error);
    }
}
