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
 */
public final class Bench {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "latency" -> latency(args[1], args.length > 4 && !args[2].isEmpty() ? args[2] : null,
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("ingest or latency");
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
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .header("Idempotency-Key", "bench-" + start + "-" + n)
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get((int) (n % bodies.size())))).build();
                    try {
                        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
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
        System.out.printf("ingest: %d observations acknowledged in %.1f s = %.0f obs/s (%d threads, batches of %d, %d failed batches)%n",
                accepted.get(), elapsed, accepted.get() / elapsed, threads, batch, failed.get());
    }

    private static void latency(String url, String key, int rate, int seconds) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
            if (key != null) {
                builder.header("Authorization", "Bearer " + key);
            }
            inFlight.add(client.sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                // From the intended start: a request delayed by a stalled server counts its wait too.
                long latency = System.nanoTime() - intended;
                synchronized (histogram) {
                    histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                }
                if (error != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(120, TimeUnit.SECONDS);
        callbacks.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("latency: %d requests at %d/s for %.1f s, %d errors; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                histogram.getTotalCount(), rate, elapsed, errors.get(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(95)), ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
