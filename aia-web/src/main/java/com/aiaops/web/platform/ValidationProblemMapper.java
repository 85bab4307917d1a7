package com.aiaops.web.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures: registered for ValidationException so that it wins over the JAX-RS
 * implementation's own mapper, and answered by {@link ProblemMapper} like every other error.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ValidationException> {
    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ValidationException exception) {
        ProblemMapper problems = new ProblemMapper();
        problems.request = request;
        return problems.toResponse(exception);
    }
}
