package com.aiaops.web.platform;

import com.aiaops.shared.InvalidRequestException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Path segments and query parameters are text like body strings ({@link StrictJson}): one holding a control character
 * (a NUL from "%00", say) is refused here, before it can reach a query that the database rejects.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 80)
public class TextParameters implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        if (hasControlCharacter(path)) {
            throw new InvalidRequestException("invalid-parameter", "The path holds a control character",
                    List.of(new InvalidRequestException.Violation("path", "must not contain control characters")));
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (hasControlCharacter(parameter.getKey()) || parameter.getValue().stream().anyMatch(TextParameters::hasControlCharacter)) {
                String name = hasControlCharacter(parameter.getKey()) ? "query" : parameter.getKey();
                throw InvalidRequestException.ofField("invalid-parameter", name.length() > 64 ? name.substring(0, 64) : name,
                        "must not contain control characters");
            }
        }
    }

    private static boolean hasControlCharacter(String text) {
        try {
            StrictJson.checkNoControlCharacters(text);
            return false;
        } catch (jakarta.json.bind.JsonbException e) {
            return true;
        }
    }
}
