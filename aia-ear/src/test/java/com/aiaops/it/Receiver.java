package com.aiaops.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in HTTP endpoint on loopback that answers with a status (and a delay) the test sets, and keeps every
 * request it got with the status it answered.
 */
public final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    public final AtomicInteger status = new AtomicInteger(200);
    public final AtomicInteger delayMillis = new AtomicInteger();
    public final AtomicInteger hits = new AtomicInteger();
    public final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request: its headers, its body, what the receiver answered, and the path and query it was sent to. */
    public record Received(Headers headers, byte[] body, int answered, String uri) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public boolean accepted() {
            return answered / 100 == 2;
        }
    }

    public Receiver() throws IOException {
        this(0);
    }

    /** A receiver on a given port (0: any free one), e.g. to come back where one that went down was. */
    public Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int answer = status.get();
            received.add(new Received(exchange.getRequestHeaders(), body, answer, exchange.getRequestURI().toString()));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    public List<Received> accepted() {
        return received.stream().filter(Received::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
