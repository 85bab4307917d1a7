package com.aiaops.web.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for a request the servlet container answers before the API sees it: a path whose percent-escapes
 * are not UTF-8 (400), a path that matches nothing once normalised, such as {@code /api/v1/slos/../../etc/passwd}
 * (404), a method the static files do not take (405). The client gets a problem document like every other refusal,
 * not the container's HTML.
 */
@WebServlet("/errors/rejected-request")
public class RejectedRequestServlet extends HttpServlet {
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 400;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = uri instanceof String path && path.length() <= 200 ? path : null;
        Problem problem = switch (status) {
            case 404 -> Problem.of("not-found", "Not found", 404, "There is no resource at this path", instance,
                    response.getHeader("X-Request-Id"), null);
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, "This resource does not support " + request.getMethod(),
                    instance, response.getHeader("X-Request-Id"), null);
            default -> Problem.of("malformed-request", "Malformed request", status,
                    "The request could not be read (its path or headers are not valid); nothing was changed", instance,
                    response.getHeader("X-Request-Id"), null);
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.toJson(problem));
    }
}
