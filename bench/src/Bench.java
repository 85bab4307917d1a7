import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Load clients for docs/BENCHMARKS.md, run by bench/run.sh. Loopback only; every loop is bounded in time.
 *
 *   ingest  URL KEY SERVICE SECONDS THREADS BATCH   closed loop: batches of observations, acknowledged obs/s
 *   bodies  DIR SERVICE BATCH                       writes ingest's request bodies to DIR/body-N.json, for wrk
 *                                                   (bench/src/post_bodies.lua): the same load from a client in C
 *   latency URL KEY RATE SECONDS [CONNECTIONS]      open loop at a fixed rate over CONNECTIONS (32) keep-alive connections:
 *                                                   GET URL, latency percentiles measured from each request's intended
 *                                                   start (no coordinated omission; wrk2's model); KEY "" for none
 *   throughput URL KEY SECONDS CONNECTIONS          closed loop, GET URL: the client's ceiling, beside wrk and h2load
 *   mixed API INGEST_KEY READ_KEY SERVICE_ID SLO_ID RATE SECONDS [CONNECTIONS]
 *                                                   open loop at a fixed rate: 40 % ingest (batches of 10 observations),
 *                                                   30 % SLO status, 30 % dashboard reads (telemetry summary and series)
 *   otlp    URL KEY SERVICE SECONDS THREADS BATCH   closed loop: OTLP/HTTP protobuf trace exports of BATCH SERVER spans
 *                                                   (the same requests as ingest's observations), acknowledged spans/s
 *   minutes API ADMIN_KEY INGEST_KEY PREFIX SERVICES MINUTES BATCH THREADS
 *                                                   pre-counted minutes: SERVICES services (PREFIX1…, created when missing) ×
 *                                                   the last MINUTES minutes, the same counts as bench/src/vm_series.py
 *                                                   writes for VictoriaMetrics, posted BATCH minutes a request; the time
 *                                                   until every request is answered 200, service-minutes/s
 *   connections HOST PORT PATH COUNT HOLD_SECONDS   opens COUNT keep-alive connections, a request on each, holds them,
 *                                                   then a second request on each: how many the server kept and answered
 */
public final class Bench {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "bodies" -> writeBodies(java.nio.file.Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            case "latency" -> latency(args[1], args[2].isEmpty() ? null : args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 32);
            case "throughput" -> throughput(args[1], args[2].isEmpty() ? null : args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "mixed" -> mixed(args[1], args[2], args[3], args[4], args[5], Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                    args.length > 8 ? Integer.parseInt(args[8]) : 32);
            case "otlp" -> otlp(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "minutes" -> minutes(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]), Integer.parseInt(args[8]));
            case "connections" -> connections(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("ingest, otlp, latency, mixed or connections");
        }
    }

    private static void ingest(String url, String key, String service, int seconds, int threads, int batch) throws Exception {
        // Bodies are built before the clock starts, so the client's own JSON work is not measured.
        List<byte[]> bytes = observationBodies(service, batch);
        closedLoop("ingest", "observations", url, key, "application/json", true, bytes, seconds, threads, batch);
    }

    private static void writeBodies(java.nio.file.Path directory, String service, int batch) throws IOException {
        java.nio.file.Files.createDirectories(directory);
        List<byte[]> bodies = observationBodies(service, batch);
        for (int i = 0; i < bodies.size(); i++) {
            java.nio.file.Files.write(directory.resolve("body-" + i + ".json"), bodies.get(i));
        }
    }

    /** Sixteen batches of observations of the last few minutes: 0.3 % failed, log-normal latencies (median 33 ms). */
    private static List<byte[]> observationBodies(String service, int batch) {
        List<String> bodies = new ArrayList<>();
        Random random = new Random(1);
        Instant base = Instant.now().minusSeconds(240);
        for (int b = 0; b < 16; b++) {
            StringBuilder json = new StringBuilder(batch * 96).append("{\"observations\":[");
            for (int i = 0; i < batch; i++) {
                if (i > 0) {
                    json.append(',');
                }
                int status = random.nextInt(1000) < 3 ? 503 : 200;
                double latency = Math.round(Math.exp(3.5 + 0.7 * random.nextGaussian()) * 10) / 10.0;
                json.append("{\"service\":\"").append(service).append("\",\"timestamp\":\"")
                        .append(base.plusMillis(random.nextInt(180_000))).append("\",\"status\":").append(status)
                        .append(",\"latencyMs\":").append(latency).append('}');
            }
            bodies.add(json.append("]}").toString());
        }
        return bodies.stream().map(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /**
     * The data of vm_series.py as pre-counted minutes: 1,000 requests a minute, 3 failed (40 every 97th minute), and
     * the requests per classic latency bucket as requests at the bucket's bound (an exponential distribution, mean 40 ms).
     */
    private static void minutes(String api, String adminKey, String ingestKey, String prefix, int services, int minutes, int batch, int threads)
            throws Exception {
        for (int s = 1; s <= services; s++) {
            String body = "{\"slug\":\"" + prefix + s + "\",\"displayName\":\"Service " + prefix + s + "\",\"ownerTeam\":\"bench\",\"tier\":\"STANDARD\"}";
            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/services"))
                    .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("service " + prefix + s + ": " + created.statusCode() + " " + created.body());
            }
        }
        double[] bounds = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
        StringBuilder latencies = new StringBuilder("[");
        long previous = 0;
        for (int i = 0; i <= bounds.length; i++) {
            long cumulative = i == bounds.length ? 1000 : (long) (1000 * (1 - Math.exp(-bounds[i] / 40.0)));
            if (cumulative > previous) {
                latencies.append(latencies.length() > 1 ? "," : "").append("{\"ms\":").append(i == bounds.length ? 20000 : bounds[i])
                        .append(",\"count\":").append(cumulative - previous).append('}');
            }
            previous = cumulative;
        }
        String latencyList = latencies.append(']').toString();
        long last = Instant.now().getEpochSecond() / 60 * 60 - 60;
        List<byte[]> bodies = new ArrayList<>();
        StringBuilder json = new StringBuilder();
        int inBody = 0;
        for (int s = 1; s <= services; s++) {
            for (int m = 0; m < minutes; m++) {
                json.append(inBody == 0 ? "{\"minutes\":[" : ",").append("{\"service\":\"").append(prefix).append(s).append("\",\"minute\":\"")
                        .append(Instant.ofEpochSecond(last - (long) (minutes - 1 - m) * 60)).append("\",\"total\":1000,\"good\":")
                        .append(m % 97 == 0 ? 960 : 997).append(",\"latencies\":").append(latencyList).append('}');
                if (++inBody == batch) {
                    bodies.add(json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    json.setLength(0);
                    inBody = 0;
                }
            }
        }
        if (inBody > 0) {
            bodies.add(json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long run = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int n = (int) next.getAndIncrement(); n < bodies.size(); n = (int) next.getAndIncrement()) {
                    HttpResponse<byte[]> response = post(api + "/telemetry/minutes", ingestKey, "application/json", "minutes-" + run + "-" + n,
                            bodies.get(n));
                    if (response == null || response.statusCode() != 200) {
                        failed.incrementAndGet();
                        System.err.println("minutes: request " + n + " answered " + (response == null ? "nothing"
                                : response.statusCode() + " " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(3, TimeUnit.HOURS);
        double elapsed = (System.nanoTime() - run) / 1e9;
        long items = (long) services * minutes;
        System.out.printf("minutes: %d service-minutes (%d services %s× %d minutes) in %d requests of %d, %d threads: %.1f s = %.0f service-minutes/s, "
                + "%d failed requests%n", items, services, prefix + "*", minutes, bodies.size(), batch, threads, elapsed, items / elapsed, failed.get());
    }

    /** OTLP trace exports as an SDK sends them (protobuf), built before the clock starts; same spread as ingest's. */
    private static void otlp(String url, String key, String service, int seconds, int threads, int batch) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        Random random = new Random(1);
        Instant base = Instant.now().minusSeconds(240);
        for (int b = 0; b < 16; b++) {
            io.opentelemetry.proto.trace.v1.ScopeSpans.Builder scope = io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder();
            for (int i = 0; i < batch; i++) {
                int status = random.nextInt(1000) < 3 ? 503 : 200;
                long latencyNanos = (long) (Math.exp(3.5 + 0.7 * random.nextGaussian()) * 1_000_000);
                Instant at = base.plusMillis(random.nextInt(180_000));
                long start = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                byte[] traceId = new byte[16];
                byte[] spanId = new byte[8];
                random.nextBytes(traceId);
                random.nextBytes(spanId);
                scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("GET /orders")
                        .setTraceId(com.google.protobuf.ByteString.copyFrom(traceId)).setSpanId(com.google.protobuf.ByteString.copyFrom(spanId))
                        .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
                        .setStartTimeUnixNano(start).setEndTimeUnixNano(start + latencyNanos)
                        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("http.response.status_code")
                                .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setIntValue(status))));
            }
            bodies.add(io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                            .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(
                                    io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("service.name")
                                            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(service))))
                            .addScopeSpans(scope)).build().toByteArray());
        }
        closedLoop("otlp", "spans", url, key, "application/x-protobuf", false, bodies, seconds, threads, batch);
    }

    /**
     * THREADS senders post the pre-built bodies in turn until SECONDS are over; an item counts once its request is
     * answered 200 (and, for OTLP, without a partial success: everything was taken).
     */
    private static void closedLoop(String name, String items, String url, String key, String contentType, boolean idempotencyKeys,
                                   List<byte[]> bodies, int seconds, int threads, int batch) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    long n = sequence.incrementAndGet();
                    HttpResponse<byte[]> response = post(url, key, contentType, idempotencyKeys ? "bench-" + start + "-" + n : null,
                            bodies.get((int) (n % bodies.size())));
                    if (response != null && response.statusCode() == 200 && (idempotencyKeys || response.body().length == 0)) {
                        accepted.addAndGet(batch);
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d %s acknowledged in %.1f s = %.0f %s/s (%d threads, requests of %d, %d failed requests)%n",
                name, accepted.get(), items, elapsed, accepted.get() / elapsed, items, threads, batch, failed.get());
    }

    /** One POST through Java's client; null when it could not be sent or answered (or the thread was interrupted). */
    private static HttpResponse<byte[]> post(String url, String key, String contentType, String idempotencyKey, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(600))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void latency(String url, String key, int rate, int seconds, int connections) throws Exception {
        URI uri = URI.create(url);
        byte[] request = Wire.get(uri, key);
        OpenLoopResult result = openLoop(uri, rate, seconds, connections, 1, i -> new Planned(0, request));
        System.out.printf("latency: %s%n", result.describe(rate, connections, result.all()));
    }

    /** Closed loop: CONNECTIONS connections each sending GET URL as soon as the previous answer is read; answers/s. */
    private static void throughput(String url, String key, int seconds, int connections) throws Exception {
        URI uri = URI.create(url);
        byte[] request = Wire.get(uri, key);
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            threads.add(started(() -> {
                long mine = 0;
                long failed = 0;
                Wire wire = null;
                while (System.nanoTime() < deadline) {
                    try {
                        if (wire == null) {
                            wire = new Wire(uri);
                        }
                        if (wire.exchange(request) == 200) {
                            mine++;
                        } else {
                            failed++;
                        }
                    } catch (IOException e) {
                        failed++;
                        wire = Wire.closeQuietly(wire);
                    }
                }
                Wire.closeQuietly(wire);
                answered.addAndGet(mine);
                errors.addAndGet(failed);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("throughput: %d answers 200 in %.1f s = %.0f requests/s (%d connections, %d errors)%n", answered.get(), elapsed,
                answered.get() / elapsed, connections, errors.get());
    }

    /** One request of an open-loop run, as bytes on the wire, and the kind it is counted under. */
    private record Planned(int kind, byte[] request) {
    }

    /** Latencies of a run: all requests, and per kind. */
    private record OpenLoopResult(Histogram all, Histogram[] byKind, long errors, long unsent, double elapsedSeconds) {
        String describe(int rate, int connections, Histogram h) {
            return String.format("%d requests at %d/s over %d connections for %.1f s, %d errors, %d not sent in time; p50 %.2f ms, p95 %.2f ms, "
                            + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms", h.getTotalCount(), rate, connections, elapsedSeconds, errors, unsent,
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()));
        }
    }

    /**
     * wrk2's model: request i of rate × seconds is due at start + i / rate on connection i mod CONNECTIONS; each
     * connection sends its requests in turn, each at its due time or as soon as the one before is answered, and every
     * latency counts from the due time, so a stalled server is charged for the requests that queued behind it (no
     * coordinated omission). A connection that falls more than 30 s behind stops; its remaining requests are "not sent".
     */
    private static OpenLoopResult openLoop(URI uri, int rate, int seconds, int connections, int kinds,
                                          java.util.function.LongFunction<Planned> plan) throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        long giveUp = TimeUnit.SECONDS.toNanos(seconds + 30L);
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram[] byKind = new Histogram[kinds];
        for (int k = 0; k < kinds; k++) {
            byKind[k] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        }
        AtomicLong errors = new AtomicLong();
        AtomicLong unsent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int c = 0; c < connections; c++) {
            int connection = c;
            threads.add(started(() -> {
                Histogram[] mine = new Histogram[kinds];
                for (int k = 0; k < kinds; k++) {
                    mine[k] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                }
                Wire wire = null;
                long failed = 0;
                for (long i = connection; i < total; i += connections) {
                    long due = start + i * intervalNanos;
                    long now = System.nanoTime();
                    if (now - start > giveUp) {
                        unsent.addAndGet((total - i + connections - 1) / connections);
                        break;
                    }
                    if (due > now) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                    }
                    Planned planned = plan.apply(i);
                    int status;
                    try {
                        if (wire == null) {
                            wire = new Wire(uri);
                        }
                        status = wire.exchange(planned.request());
                    } catch (IOException e) {
                        status = -1;
                        wire = Wire.closeQuietly(wire);
                    }
                    mine[planned.kind()].recordValue(Math.min(System.nanoTime() - due, TimeUnit.SECONDS.toNanos(60)));
                    if (status < 200 || status > 299) {
                        failed++;
                    }
                }
                Wire.closeQuietly(wire);
                errors.addAndGet(failed);
                synchronized (all) {
                    for (int k = 0; k < kinds; k++) {
                        byKind[k].add(mine[k]);
                        all.add(mine[k]);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new OpenLoopResult(all, byKind, errors.get(), unsent.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * A keep-alive HTTP/1.1 connection that writes prepared request bytes and reads the answer (Content-Length or
     * chunked) off a buffered stream: a few microseconds of client work per request, where java.net.http's client
     * spends far more; its ceiling is measured against wrk and h2load (docs/BENCHMARKS.md).
     */
    static final class Wire implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;

        Wire(URI uri) throws IOException {
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 65_536);
        }

        static byte[] get(URI uri, String key) {
            return request("GET", uri, key, null, null, null);
        }

        static byte[] request(String method, URI uri, String key, String contentType, String idempotencyKey, byte[] body) {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            if (key != null) {
                head.append("Authorization: Bearer ").append(key).append("\r\n");
            }
            if (idempotencyKey != null) {
                head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            byte[] headBytes = head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (body == null) {
                return headBytes;
            }
            byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }

        /** Sends one request and reads its whole answer; the status. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("the server closed the connection");
            }
            return status;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed inside an answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        static Wire closeQuietly(Wire wire) {
            if (wire != null) {
                wire.close();
            }
            return null;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection that is already broken: nothing to do
            }
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void mixed(String api, String ingestKey, String readKey, String serviceId, String sloId, int rate, int seconds,
                              int connections) throws Exception {
        String[] kinds = {"ingest", "slo-status", "dashboard"};
        Instant now = Instant.now();
        URI summary = URI.create(api + "/services/" + serviceId + "/telemetry?from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600));
        URI series = URI.create(api + "/services/" + serviceId + "/telemetry/series?from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600)
                + "&step=5m");
        byte[][] reads = {Wire.get(URI.create(api + "/slos/" + sloId + "/status"), readKey), Wire.get(summary, readKey), Wire.get(series, readKey)};
        URI ingest = URI.create(api + "/telemetry/observations");
        String slug = slugOf(api, readKey, serviceId); // observations name their service by its slug
        long run = System.nanoTime();
        OpenLoopResult result = openLoop(ingest, rate, seconds, connections, kinds.length, i -> {
            int slot = (int) (i % 10);
            int kind = slot < 4 ? 0 : slot < 7 ? 1 : 2;
            if (kind > 0) {
                return new Planned(kind, kind == 1 ? reads[0] : reads[i % 2 == 0 ? 1 : 2]);
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(i);
            StringBuilder json = new StringBuilder("{\"observations\":[");
            for (int o = 0; o < 10; o++) {
                json.append(o == 0 ? "" : ",").append("{\"service\":\"").append(slug).append("\",\"timestamp\":\"").append(Instant.now().minusMillis(random.nextInt(60_000)))
                        .append("\",\"status\":").append(random.nextInt(100) == 0 ? 503 : 200).append(",\"latencyMs\":").append(5 + random.nextInt(200)).append('}');
            }
            return new Planned(0, Wire.request("POST", ingest, ingestKey, "application/json", "mixed-" + run + "-" + i,
                    json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        });
        System.out.printf("mixed: %s%n", result.describe(rate, connections, result.all()));
        for (int k = 0; k < kinds.length; k++) {
            Histogram h = result.byKind()[k];
            System.out.printf("  %-10s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", kinds[k], ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                    ms(h.getValueAtPercentile(99)));
        }
    }

    /** The service's slug, read once before the load starts. */
    private static String slugOf(String api, String key, String serviceId) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/services/" + serviceId))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher slug = java.util.regex.Pattern.compile("\"slug\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !slug.find()) {
            throw new IllegalStateException("service " + serviceId + ": " + response.statusCode() + " " + response.body());
        }
        return slug.group(1);
    }

    private static void connections(String host, int port, String path, int count, int holdSeconds) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<java.nio.channels.SocketChannel> channels = new ArrayList<>(count);
        long start = System.nanoTime();
        int failedToOpen = 0;
        for (int i = 0; i < count; i++) {
            try {
                java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress(host, port));
                channel.write(java.nio.ByteBuffer.wrap(request));
                channels.add(channel);
            } catch (IOException e) {
                failedToOpen++;
            }
        }
        int answeredFirst = readAnswers(channels);
        double opened = (System.nanoTime() - start) / 1e9;
        System.out.printf("connections: %d opened (%d failed) and answered %d in %.1f s; holding them %d s%n", channels.size(), failedToOpen,
                answeredFirst, opened, holdSeconds);
        TimeUnit.SECONDS.sleep(holdSeconds);
        int stillOpen = 0;
        for (java.nio.channels.SocketChannel channel : channels) {
            try {
                channel.write(java.nio.ByteBuffer.wrap(request));
                stillOpen++;
            } catch (IOException e) {
                // closed by the server while held: not counted
            }
        }
        int answeredSecond = readAnswers(channels);
        System.out.printf("connections: after %d s, %d of %d still open and %d answered a second request on the same connection%n",
                holdSeconds, stillOpen, channels.size(), answeredSecond);
        for (java.nio.channels.SocketChannel channel : channels) {
            channel.close();
        }
    }

    /** Reads one HTTP answer (status line and headers up to a 200 status) from each channel; how many answered 200. */
    private static int readAnswers(List<java.nio.channels.SocketChannel> channels) {
        int answered = 0;
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4096);
        for (java.nio.channels.SocketChannel channel : channels) {
            try {
                buffer.clear();
                String text = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!text.contains("\r\n\r\n") && System.nanoTime() < deadline) {
                    if (channel.read(buffer) < 0) {
                        break;
                    }
                    text = new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.US_ASCII);
                }
                if (text.startsWith("HTTP/1.1 200")) {
                    answered++;
                    // The body is small and short ({"status":"ok"}): read it off so the next answer starts clean.
                    int length = Integer.parseInt(text.replaceAll("(?s).*[Cc]ontent-[Ll]ength: *([0-9]+).*", "$1"));
                    int bodyStart = text.indexOf("\r\n\r\n") + 4;
                    while (buffer.position() - bodyStart < length && channel.read(buffer) >= 0) {
                        // read the rest of the body
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // a connection that broke or answered without a length: not counted as answered
            }
        }
        return answered;
    }
}
