package com.aiaops.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Gives every request an id (the client's X-Request-Id if it is sane, else a new one), puts it in
 * the logging context for every log line of the request, returns it in the response header, and
 * logs one access line per request (category com.aiaops.web.access: INFO for 4xx/5xx, DEBUG otherwise).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "aia.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger ACCESS = Logger.getLogger("com.aiaops.web.access");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        MDC.put("requestId", requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            // Refusals and failures at INFO; successes at DEBUG, so heavy traffic does not flood the logs.
            int status = response.getStatus();
            ACCESS.logf(status >= 400 ? Logger.Level.INFO : Logger.Level.DEBUG, "%s %s -> %d in %d ms",
                    request.getMethod(), request.getRequestURI(), status, (System.nanoTime() - start) / 1_000_000);
            MDC.remove("requestId");
            com.aiaops.access.OrganizationScope.leave(); // the worker thread goes back to its pool serving nobody
        }
    }
}
