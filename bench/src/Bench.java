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
 *   latency URL KEY RATE SECONDS                    open loop at a fixed rate: GET URL, latency percentiles
 *                                                   measured from each request's intended start (no coordinated omission)
 *   mixed API INGEST_KEY READ_KEY SERVICE_ID SLO_ID RATE SECONDS
 *                                                   open loop at a fixed rate: 40 % ingest (batches of 10 observations),
 *                                                   30 % SLO status, 30 % dashboard reads (telemetry summary and series)
 *   otlp    URL KEY SERVICE SECONDS THREADS BATCH   closed loop: OTLP/HTTP protobuf trace exports of BATCH SERVER spans
 *                                                   (the same requests as ingest's observations), acknowledged spans/s
 *   connections HOST PORT PATH COUNT HOLD_SECONDS   opens COUNT keep-alive connections, a request on each, holds them,
 *                                                   then a second request on each: how many the server kept and answered
 */
public final class Bench {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "latency" -> latency(args[1], args.length > 4 && !args[2].isEmpty() ? args[2] : null,
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "mixed" -> mixed(args[1], args[2], args[3], args[4], args[5], Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            case "otlp" -> otlp(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "connections" -> connections(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("ingest, otlp, latency, mixed or connections");
        }
    }

    private static void ingest(String url, String key, String service, int seconds, int threads, int batch) throws Exception {
        // Bodies are built before the clock starts, so the client's own JSON work is not measured.
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
        List<byte[]> bytes = bodies.stream().map(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        closedLoop("ingest", "observations", url, key, "application/json", true, bytes, seconds, threads, batch);
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
                while (System.nanoTime() < deadline) {
                    long n = sequence.incrementAndGet();
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) (n % bodies.size()))));
                    if (idempotencyKeys) {
                        request.header("Idempotency-Key", "bench-" + start + "-" + n);
                    }
                    try {
                        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 200 && (idempotencyKeys || response.body().length == 0)) {
                            accepted.addAndGet(batch);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
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

    private static void latency(String url, String key, int rate, int seconds) throws Exception {
        OpenLoopResult result = openLoop(rate, seconds, 1, i -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
            if (key != null) {
                builder.header("Authorization", "Bearer " + key);
            }
            return new Planned(0, builder);
        });
        System.out.printf("latency: %s%n", result.describe(rate, result.all()));
    }

    /** One request of an open-loop run and the kind it is counted under. */
    private record Planned(int kind, HttpRequest.Builder request) {
    }

    /** Latencies of a run: all requests, and per kind. */
    private record OpenLoopResult(Histogram all, Histogram[] byKind, long errors, double elapsedSeconds) {
        String describe(int rate, Histogram h) {
            return String.format("%d requests at %d/s for %.1f s, %d errors; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", h.getTotalCount(), rate,
                    elapsedSeconds, errors, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
        }
    }

    /**
     * Sends rate × seconds requests, the i-th at its intended time start + i / rate whatever the server does, and
     * records each latency from that intended time: a request delayed by a stalled server counts its wait too (no
     * coordinated omission).
     */
    private static OpenLoopResult openLoop(int rate, int seconds, int kinds, java.util.function.LongFunction<Planned> plan) throws Exception {
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram[] byKind = new Histogram[kinds];
        for (int k = 0; k < kinds; k++) {
            byKind[k] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        }
        AtomicLong errors = new AtomicLong();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Planned planned = plan.apply(i);
            HttpRequest request = planned.request().timeout(Duration.ofSeconds(30)).build();
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long latency = Math.min(System.nanoTime() - intended, all.getHighestTrackableValue());
                synchronized (all) {
                    all.recordValue(latency);
                    byKind[planned.kind()].recordValue(latency);
                }
                if (error != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(120, TimeUnit.SECONDS);
        callbacks.shutdown();
        return new OpenLoopResult(all, byKind, errors.get(), (System.nanoTime() - start) / 1e9);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void mixed(String api, String ingestKey, String readKey, String serviceId, String sloId, int rate, int seconds) throws Exception {
        String[] kinds = {"ingest", "slo-status", "dashboard"};
        Random random = new Random(7);
        Instant now = Instant.now();
        String summary = api + "/services/" + serviceId + "/telemetry?from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600);
        String series = api + "/services/" + serviceId + "/telemetry/series?from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600) + "&step=5m";
        String status = api + "/slos/" + sloId + "/status";
        long run = System.nanoTime();
        OpenLoopResult result = openLoop(rate, seconds, kinds.length, i -> {
            int slot = (int) (i % 10);
            int kind = slot < 4 ? 0 : slot < 7 ? 1 : 2;
            if (kind > 0) {
                return new Planned(kind, HttpRequest.newBuilder(URI.create(kind == 1 ? status : (i % 2 == 0 ? summary : series)))
                        .header("Authorization", "Bearer " + readKey).GET());
            }
            StringBuilder json = new StringBuilder("{\"observations\":[");
            for (int o = 0; o < 10; o++) {
                json.append(o == 0 ? "" : ",").append("{\"service\":\"bench\",\"timestamp\":\"").append(Instant.now().minusMillis(random.nextInt(60_000)))
                        .append("\",\"status\":").append(random.nextInt(100) == 0 ? 503 : 200).append(",\"latencyMs\":").append(5 + random.nextInt(200)).append('}');
            }
            return new Planned(0, HttpRequest.newBuilder(URI.create(api + "/telemetry/observations")).header("Authorization", "Bearer " + ingestKey)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "mixed-" + run + "-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(json.append("]}").toString())));
        });
        System.out.printf("mixed: %s%n", result.describe(rate, result.all()));
        for (int k = 0; k < kinds.length; k++) {
            Histogram h = result.byKind()[k];
            System.out.printf("  %-10s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", kinds[k], ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                    ms(h.getValueAtPercentile(99)));
        }
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
