package com.aiaops.web.platform;

import com.aiaops.access.Caller;
import com.aiaops.shared.PageRequest;
import com.aiaops.telemetry.KeptSets;
import com.aiaops.telemetry.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Answers about the caller's organisation's set of one kind (a page of its services), sent as JSON text kept in the
 * cluster's query cache until any object of that kind in the organisation changes ({@link KeptSets}): a list read again
 * reads no row and writes no JSON. Only for answers that depend on nothing but those objects — not on the time, the
 * caller or other kinds.
 */
@ApplicationScoped
public class KeptAnswers {
    @Inject
    QueryCache cache;

    /** {@code answer}'s JSON, kept under this question about the organisation's set of {@code kind}. */
    public Response about(Caller caller, Class<? extends KeptSets.Member> kind, String question, Supplier<?> answer) {
        String json = cache.getAboutSet(caller.organizationId(), KeptSets.of(kind), question, () -> RecordAnswers.write(answer.get()));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The question a page of a list asks, every part of the page request in it. */
    public static String pageQuestion(String list, PageRequest page) {
        return list + "|" + page.limit() + "|" + (page.newestFirst() ? "newest" : "oldest")
                + (page.afterKey() == null ? "|first" : "|after|" + page.afterKey());
    }
}
