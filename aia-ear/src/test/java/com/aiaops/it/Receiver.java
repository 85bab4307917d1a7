package com.aiaops.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in HTTP endpoint on loopback that answers with a status (and a delay) the test sets. */
final class Receiver implements AutoCloseable {
    private final HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger delayMillis = new AtomicInteger();
    final AtomicInteger hits = new AtomicInteger();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
