package com.aiaops.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Performs one run of a check: up to 1 + retries attempts, each with the check's own timeout; up at the first attempt
 * that passes. HTTP redirects are not followed (a redirect is an answer, and following it could lead anywhere); an
 * HTTP body is read up to 1 MiB for its assertions.
 */
@ApplicationScoped
public class CheckProbe {
    static final int LARGEST_BODY = 1 << 20;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** One attempt's outcome. */
    private record Attempt(boolean up, Integer status, Double latency, String error, Instant expiresAt) {
    }

    /**
     * The bulkhead bounds how many probes run at once on a node, so slow targets cannot take every thread;
     * the outer timeout bounds a run of several attempts.
     */
    @Bulkhead(16)
    @Timeout(value = 5, unit = java.time.temporal.ChronoUnit.MINUTES)
    public CheckRun probe(URI target, Check.Options options, int timeoutMillis, int expectedStatus, int retries, Clock clock) {
        Instant at = clock.instant();
        Attempt last = null;
        int attempt = 0;
        while (attempt <= retries) {
            attempt++;
            try {
                last = switch (options.kind()) {
                    case TCP -> tcp(target, timeoutMillis);
                    case TLS -> tls(target, options, timeoutMillis, clock);
                    default -> http(target, options, timeoutMillis, expectedStatus);
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new Attempt(false, null, null, "interrupted", null);
                break;
            }
            if (last.up()) {
                return new CheckRun(at, true, last.status(), last.latency(), attempt, null, last.expiresAt());
            }
        }
        String error = last.error();
        return new CheckRun(at, false, last.status(), last.latency(), attempt, error.length() > 500 ? error.substring(0, 500) : error,
                last.expiresAt());
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static Attempt http(URI url, Check.Options options, int timeoutMillis, int expectedStatus) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeoutMillis))
                    .header("User-Agent", "aia-ops-synthetic-check/1").GET().build();
            boolean readBody = options.bodyContains() != null || options.jsonPath() != null;
            if (!readBody) {
                HttpResponse<Void> response = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                return status == expectedStatus ? new Attempt(true, status, since(start), null, null)
                        : new Attempt(false, status, since(start), "expected status " + expectedStatus + ", got " + status, null);
            }
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(LARGEST_BODY), StandardCharsets.UTF_8);
            }
            double latency = since(start);
            int status = response.statusCode();
            if (status != expectedStatus) {
                return new Attempt(false, status, latency, "expected status " + expectedStatus + ", got " + status, null);
            }
            String failure = BodyAssertion.failure(body, options.bodyContains(), options.jsonPath(), options.jsonExpected());
            return new Attempt(failure == null, status, latency, failure, null);
        } catch (HttpTimeoutException e) {
            return new Attempt(false, null, since(start), "no answer within " + timeoutMillis + " ms", null);
        } catch (IOException e) {
            return new Attempt(false, null, null, "connection failed: " + describe(e), null);
        }
    }

    private static Attempt tcp(URI target, int timeoutMillis) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), timeoutMillis);
            return new Attempt(true, null, since(start), null, null);
        } catch (java.net.SocketTimeoutException e) {
            return new Attempt(false, null, since(start), "no connection within " + timeoutMillis + " ms", null);
        } catch (IOException e) {
            return new Attempt(false, null, null, "connection failed: " + describe(e), null);
        }
    }

    /** The handshake with SNI, verified against the JVM's trusted authorities and the host name unless told otherwise. */
    private static Attempt tls(URI target, Check.Options options, int timeoutMillis, Clock clock) {
        long start = System.nanoTime();
        int port = target.getPort() == -1 ? 443 : target.getPort();
        try {
            SSLContext context;
            if (options.tlsVerify()) {
                context = SSLContext.getDefault();
            } else {
                context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{new AcceptAnyCertificate()}, null);
            }
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(target.getHost(), port), timeoutMillis);
                plain.setSoTimeout(timeoutMillis);
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, target.getHost(), port, false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    if (options.tlsVerify()) {
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    }
                    if (!target.getHost().matches("[0-9.]+|.*:.*")) {
                        parameters.setServerNames(List.of(new SNIHostName(target.getHost())));
                    }
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    Certificate[] chain = socket.getSession().getPeerCertificates();
                    X509Certificate leaf = (X509Certificate) chain[0];
                    Instant expires = leaf.getNotAfter().toInstant();
                    double latency = since(start);
                    long daysLeft = Duration.between(clock.instant(), expires).toDays();
                    int minimum = options.tlsMinDays() == null ? 14 : options.tlsMinDays();
                    if (!expires.isAfter(clock.instant())) {
                        return new Attempt(false, null, latency, "the certificate expired at " + expires, expires);
                    }
                    if (daysLeft < minimum) {
                        return new Attempt(false, null, latency, "the certificate expires in " + daysLeft + " days (at " + expires
                                + "), fewer than " + minimum, expires);
                    }
                    return new Attempt(true, null, latency, null, expires);
                }
            }
        } catch (SSLException e) {
            return new Attempt(false, null, since(start), "TLS handshake failed: " + describe(e), null);
        } catch (java.net.SocketTimeoutException e) {
            return new Attempt(false, null, since(start), "no TLS answer within " + timeoutMillis + " ms", null);
        } catch (IOException e) {
            return new Attempt(false, null, null, "connection failed: " + describe(e), null);
        } catch (GeneralSecurityException e) {
            return new Attempt(false, null, null, "TLS is not available: " + describe(e), null);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** For a TLS check told not to verify: the certificate's dates are still read and judged. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the check was defined with tlsVerify=false: only expiry is judged
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
