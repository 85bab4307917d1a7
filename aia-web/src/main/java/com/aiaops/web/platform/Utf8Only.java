package com.aiaops.web.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON bodies are UTF-8 only (RFC 8259 §8.1): one that declares another charset is refused with 415 rather than
 * decoded as something it is not. (CSV and YAML uploads are decoded as UTF-8 and refused with a 400 when their bytes
 * are not; HTTP clients label text/* with ISO-8859-1 by default, so the label alone says little there.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public class Utf8Only implements ContainerRequestFilter {
    static final String REFUSAL = "Request bodies are read as UTF-8 only";

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException e) {
            return; // an unparseable Content-Type is refused where the body is read, as before
        }
        boolean json = type != null && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
        String charset = json ? type.getParameters().get(MediaType.CHARSET_PARAMETER) : null;
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new NotSupportedException(REFUSAL + "; this one declares charset=" + clip(charset));
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
