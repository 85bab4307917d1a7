package com.aiaops.web.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;

/**
 * Refuses request bodies over the limit: at once when Content-Length says so, otherwise (chunked
 * bodies) as soon as the reader goes past it. Nothing is applied from a refused body.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {
    static final long MAX_BYTES = 1024 * 1024;
    /** Telemetry batches (up to 10,000 observations) and OTLP exports may be larger. */
    static final long MAX_TELEMETRY_BYTES = 8 * 1024 * 1024;
    /** Vulnerability scan reports of a large image run to megabytes. */
    static final long MAX_REPORT_BYTES = 32 * 1024 * 1024;
    /** FOCUS cost files are streamed, never held in memory: a month of a large account runs to gigabytes. */
    static final long MAX_COST_FILE_BYTES = 4L * 1024 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean telemetry = path.startsWith("telemetry/") || path.startsWith("/telemetry/")
                || path.startsWith("otlp/") || path.startsWith("/otlp/");
        long limit = telemetry ? MAX_TELEMETRY_BYTES : path.endsWith("/vulnerability-reports") ? MAX_REPORT_BYTES
                : path.endsWith("cost/imports") || path.endsWith("backups/imports") ? MAX_COST_FILE_BYTES : MAX_BYTES;
        if (request.getLength() > limit) {
            throw new PayloadTooLargeException(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
        }
    }

    /** A body over the limit: 413. */
    public static class PayloadTooLargeException extends WebApplicationException {
        public PayloadTooLargeException(long limit) {
            super("Request bodies here are limited to " + limit + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }
    }
}
