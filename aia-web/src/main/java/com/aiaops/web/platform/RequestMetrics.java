package com.aiaops.web.platform;

import com.aiaops.prometheus.PlatformMetrics;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every API request by method, route template and status into the platform's latency histogram
 * ({@link PlatformMetrics}: {@code aia_http_server_request_duration_seconds} at {@code /api/v1/metrics/platform}).
 */
@Provider
@PreMatching
@Priority(1)
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String START = "aia.metrics.start";
    private static final Map<Method, String> ROUTES = new ConcurrentHashMap<>();

    @Inject
    PlatformMetrics metrics;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        String route = method == null ? "UNMATCHED" : ROUTES.computeIfAbsent(method, RequestMetrics::routeOf);
        metrics.requestServed(request.getMethod(), route, response.getStatus(), System.nanoTime() - startNanos);
    }

    private static String routeOf(Method method) {
        Path classPath = method.getDeclaringClass().getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String route = "/api/v1" + normalise(classPath) + normalise(methodPath);
        return route.isEmpty() ? "/" : route;
    }

    private static String normalise(Path path) {
        if (path == null || path.value().isEmpty() || path.value().equals("/")) {
            return "";
        }
        String value = path.value();
        return value.startsWith("/") ? value : "/" + value;
    }
}
