package com.aiaops.web.platform;

import com.aiaops.shared.AccessDeniedException;
import com.aiaops.shared.BusyException;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.DomainException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.StaleVersionException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every error leaves the API as application/problem+json. Client mistakes are 4xx with a stable type and a
 * message that says what to fix; anything unexpected is a 500 that names only the request id (the details go
 * to the log under that id).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int MAX_DETAIL = 300;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable exception) {
        Response response = toResponse(problemFor(exception));
        if (exception instanceof RateLimited limited) {
            response.getHeaders().putSingle("Retry-After", limited.decision().retryAfterSeconds());
        }
        if (exception instanceof BusyException busy) {
            response.getHeaders().putSingle("Retry-After", busy.retryAfterSeconds());
        }
        return response;
    }

    Response toResponse(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"aia-ops\"");
        }
        if (problem.status() == 503) {
            response.header("Retry-After", 5);
        }
        return response.build();
    }

    /**
     * The database is down or its connections broke (SQLState class 08, connection exceptions; 57P, PostgreSQL shutting
     * down) or the pool cannot give a connection: the request is not served, so it is a 503 to retry, not a 500.
     */
    static boolean databaseUnavailable(Throwable cause) {
        if (connectionLost(cause)) {
            return true;
        }
        // A commit that fails because the database went away reports it as a suppressed exception of the rollback.
        for (Throwable suppressed : cause.getSuppressed()) {
            for (Throwable inner = suppressed; inner != null; inner = inner.getCause() == inner ? null : inner.getCause()) {
                if (connectionLost(inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable cause) {
        if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.sql.SQLNonTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
            return true;
        }
        return cause.getClass().getName().startsWith("jakarta.resource.");
    }

    Problem problemFor(Throwable exception) {
        if (exception instanceof DomainException domain) {
            return domainProblem(domain);
        }
        if (exception instanceof ConstraintViolationException violations) {
            return validationProblem(violations);
        }
        Throwable cause = exception;
        while (cause != null) {
            if (cause instanceof BodySizeLimit.PayloadTooLargeException tooLarge) {
                return problem("payload-too-large", "Payload too large", 413, tooLarge.getMessage());
            }
            if (cause instanceof JsonbException binding && fieldOf(binding) != null) {
                String field = fieldOf(binding);
                String root = rootMessage(binding);
                String message = root.startsWith("No enum constant") ? "is not one of the allowed values" : clip(root);
                return Problem.of("validation-failed", "Invalid request", 400, field + " " + message, instance(), requestId(),
                        List.of(new Problem.FieldError(field, message)));
            }
            if (cause instanceof JsonbException || cause instanceof JsonParsingException
                    || cause instanceof jakarta.json.JsonException || cause instanceof java.nio.charset.CharacterCodingException) {
                return problem("malformed-json", "Malformed request body", 400,
                        "The body is not valid JSON for this endpoint: " + clip(rootMessage(cause)));
            }
            if (cause instanceof OptimisticLockException) {
                return problem("concurrent-update", "Concurrent update", 409,
                        "Someone else changed this object at the same time; read it again and retry");
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return problem("conflict", "Conflict", 409, "The change clashes with existing data (a duplicate or a reference)");
            }
            if (cause instanceof DomainException domain) {
                return domainProblem(domain);
            }
            if (databaseUnavailable(cause)) {
                LOG.warnf("Database unavailable answering %s %s: %s", request == null ? "?" : request.getMethod(),
                        request == null ? "?" : request.getRequestURI(), clip(rootMessage(cause)));
                return problem("database-unavailable", "Service unavailable", 503,
                        "The database cannot be reached just now; nothing was changed. Retry in a few seconds");
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (exception instanceof WebApplicationException web) {
            return webProblem(web);
        }
        LOG.errorf(exception, "Unexpected error answering %s %s", request == null ? "?" : request.getMethod(),
                request == null ? "?" : request.getRequestURI());
        return problem("internal-error", "Internal error", 500,
                "Something went wrong on our side; quote the request id when you report it");
    }

    private Problem domainProblem(DomainException e) {
        if (e instanceof Unauthenticated) {
            return problem(e.code(), "Unauthorized", 401, e.getMessage());
        }
        if (e instanceof Versions.PreconditionRequired) {
            return problem(e.code(), "Precondition required", 428, e.getMessage());
        }
        if (e instanceof RateLimited) {
            return problem(e.code(), "Too many requests", 429, e.getMessage());
        }
        if (e instanceof BusyException) {
            return problem(e.code(), "Service unavailable", 503, e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return problem(e.code(), "Not found", 404, e.getMessage());
        }
        if (e instanceof StaleVersionException) {
            return problem(e.code(), "Precondition failed", 412, e.getMessage());
        }
        if (e instanceof ConflictException) {
            return problem(e.code(), "Conflict", 409, e.getMessage());
        }
        if (e instanceof AccessDeniedException) {
            return problem(e.code(), "Forbidden", 403, e.getMessage());
        }
        if (e instanceof InvalidRequestException invalid) {
            List<Problem.FieldError> errors = invalid.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
            return Problem.of(e.code(), "Invalid request", 400, e.getMessage(), instance(), requestId(), errors);
        }
        return problem(e.code(), "Request refused", 400, e.getMessage());
    }

    private Problem validationProblem(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return Problem.of("validation-failed", "Invalid request", 400,
                errors.size() + " field(s) are invalid; see errors", instance(), requestId(), errors);
    }

    private static final java.util.regex.Pattern BINDING_PROPERTY =
            java.util.regex.Pattern.compile("^Unable to deserialize property '([^']{1,100})' because of");

    /**
     * The field a JSON-B refusal is about, as a dotted path ("minutes.total"): the binding wraps the refusal once per
     * enclosing property, naming each. Null when the refusal is not about a property (the JSON itself is broken).
     */
    static String fieldOf(JsonbException exception) {
        List<String> names = new ArrayList<>();
        Throwable cause = exception;
        while (cause != null && names.size() < 32) {
            if (cause instanceof JsonbException && cause.getMessage() != null) {
                java.util.regex.Matcher property = BINDING_PROPERTY.matcher(cause.getMessage());
                if (property.find()) {
                    names.add(property.group(1));
                }
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return names.isEmpty() ? null : String.join(".", names);
    }

    /** "create.body.owner.name" becomes "owner.name": the method and parameter names mean nothing to a client. */
    private static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            // An element of a list carries its index on the node after the list: "minutes", then "total" at [3].
            if (node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                names.add(node.getName());
            }
        }
        // [method, parameter, property…]: a property path, or the parameter itself (a query parameter, or the body).
        List<String> field = names.size() > 2 ? names.subList(2, names.size()) : names.size() == 2 ? List.of(names.get(1)) : List.of("body");
        return String.join(".", field);
    }

    private Problem webProblem(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof jakarta.ws.rs.NotFoundException) {
            return problem("not-found", "Not found", 404, "There is no resource at this path");
        }
        if (e instanceof NotAllowedException) {
            return problem("method-not-allowed", "Method not allowed", 405, "This resource does not support " + request.getMethod());
        }
        if (e instanceof NotSupportedException) {
            boolean charset = e.getMessage() != null && e.getMessage().startsWith(Utf8Only.REFUSAL);
            return problem("unsupported-media-type", "Unsupported media type", 415,
                    charset ? clip(e.getMessage()) : "Send the body in a media type this operation takes (application/json unless documented)");
        }
        if (e instanceof NotAcceptableException) {
            return problem("not-acceptable", "Not acceptable", 406, "This resource answers in application/json");
        }
        if (status >= 500) {
            LOG.errorf(e, "Server error answering %s %s", request.getMethod(), request.getRequestURI());
            return problem("internal-error", "Internal error", status, "Something went wrong on our side; quote the request id");
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem("http-" + status, reason, status, clip(e.getMessage()));
    }

    private Problem problem(String code, String title, int status, String detail) {
        return Problem.of(code, title, status, detail, instance(), requestId(), null);
    }

    private String instance() {
        return request == null ? null : request.getRequestURI();
    }

    private String requestId() {
        return request == null ? null : (String) request.getAttribute(RequestIdFilter.ATTRIBUTE);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
