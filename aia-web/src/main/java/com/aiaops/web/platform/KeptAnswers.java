package com.aiaops.web.platform;

import com.aiaops.access.Caller;
import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import com.aiaops.shared.PageRequest;
import com.aiaops.telemetry.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Answers about the caller's organisation's set of one kind (a page of its services), sent as JSON text kept in the
 * cluster's query cache until any object of that kind in the organisation changes ({@link KeptSet}): a list read again
 * reads no row and writes no JSON. Only for answers that depend on nothing but those objects and, through
 * {@link #aboutUntil}, the time — not on the caller or on other kinds.
 */
@ApplicationScoped
public class KeptAnswers {
    @Inject
    QueryCache cache;

    /** {@code answer}'s JSON, kept under this question about the organisation's set of {@code kind}. */
    public Response about(Caller caller, Class<? extends KeptSet.Member> kind, String question, Supplier<?> answer) {
        String json = cache.getAboutSet(caller.organizationId(), KeptSet.of(kind), question, () -> RecordAnswers.write(answer.get()));
        return json(json);
    }

    /**
     * As {@link #about}, for a list answered as a map (its items under "items"), so that the method keeps its declared
     * type and the OpenAPI document its schema: {@link RecordAnswers} sends the kept text.
     */
    public <V> Map<String, V> map(Caller caller, Class<? extends KeptSet.Member> kind, String question, Supplier<Map<String, V>> answer) {
        return new WrittenMap<>(cache.getAboutSet(caller.organizationId(), KeptSet.of(kind), question,
                () -> RecordAnswers.write(answer.get())), answer);
    }

    /** A map answer whose JSON is already written; read as a map, it reads its entries then. */
    public static final class WrittenMap<V> extends AbstractMap<String, V> {
        private final String json;
        private final Supplier<Map<String, V>> entries;
        private Map<String, V> read;

        WrittenMap(String json, Supplier<Map<String, V>> entries) {
            this.json = json;
            this.entries = entries;
        }

        public String json() {
            return json;
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            if (read == null) {
                read = entries.get();
            }
            return read.entrySet();
        }
    }

    /** An answer and the last instant at which it is still true ({@link Instant#MAX}: it does not depend on the time). */
    public record TrueUntil<T>(T answer, Instant until) {
        /** Kept as text: the instant (seconds, nanoseconds), then the answer's JSON. */
        String asText() {
            return text(until, "", answer);
        }

        /** The kept text of an answer: a first line of the instant it holds until and any more words, then its JSON. */
        static String text(Instant until, String moreWords, Object answer) {
            return until.getEpochSecond() + " " + until.getNano() + moreWords + "\n" + RecordAnswers.write(answer);
        }

        static boolean holdsAt(String kept, Instant now) {
            String[] head = kept.substring(0, kept.indexOf('\n')).split(" ");
            Instant until = Instant.ofEpochSecond(Long.parseLong(head[0]), Long.parseLong(head[1]));
            return !now.isAfter(until);
        }

        static String json(String kept) {
            return kept.substring(kept.indexOf('\n') + 1);
        }
    }

    /**
     * One object's view, the version its ETag carries (null: the resource has no ETag), and the last instant at which the
     * view is still true ({@link Instant#MAX}: it does not depend on the time).
     */
    public record One(Object view, Long version, Instant holdsUntil) {
        public static One of(Object view) {
            return new One(view, null, Instant.MAX);
        }

        public static One versioned(Object view, long version) {
            return new One(view, version, Instant.MAX);
        }

        /** Kept as text: the instant (seconds, nanoseconds) and the version ("-": none), then the view's JSON. */
        String asText() {
            return TrueUntil.text(holdsUntil, " " + (version == null ? "-" : version.toString()), view);
        }

        /** The version kept with the view, or null. */
        static Long version(String kept) {
            String version = kept.substring(0, kept.indexOf('\n')).split(" ")[2];
            return "-".equals(version) ? null : Long.valueOf(version);
        }

        static Response sent(String kept) {
            Long version = version(kept);
            Response.ResponseBuilder ok = Response.ok(TrueUntil.json(kept), MediaType.APPLICATION_JSON_TYPE);
            return (version == null ? ok : ok.tag(Versions.etag(version))).build();
        }
    }

    /**
     * One object of the organisation's set of {@code kind}, by its id, kept as the set's lists are (until any object of the
     * kind changes); with its ETag when it has a version. A read that fails (not found, another organisation's object)
     * keeps nothing.
     */
    public Response one(Caller caller, Class<? extends KeptSet.Member> kind, UUID id, Supplier<One> read) {
        return one(caller, kind, id, Instant.MIN, read);
    }

    /**
     * As above, the id as the path gave it (parsed, {@code name} naming it in a refusal), for a view without a version that
     * does not depend on the time.
     */
    public Response one(Caller caller, Class<? extends KeptSet.Member> kind, String id, String name, BiFunction<Caller, UUID, ?> view) {
        UUID parsed = Ids.parse(id, name);
        return one(caller, kind, parsed, () -> One.of(view.apply(caller, parsed)));
    }

    /** As above, for a view that also depends on the time: kept while {@code now} is not past the instant it holds until. */
    public Response one(Caller caller, Class<? extends KeptSet.Member> kind, UUID id, Instant now, Supplier<One> read) {
        return One.sent(cache.getAboutSet(caller.organizationId(), KeptSet.of(kind), "one|" + id, text -> TrueUntil.holdsAt(text, now),
                () -> read.get().asText()));
    }

    /**
     * As {@link #about}, for an answer that also depends on the time (an incident's response SLA is missed once its due
     * time passes): the kept answer is sent while {@code now} is not past the instant it holds until, then computed again.
     */
    public Response aboutUntil(Caller caller, Class<? extends KeptSet.Member> kind, String question, Instant now,
                               Supplier<TrueUntil<?>> answer) {
        return json(keptUntil(caller, kind, question, now, answer));
    }

    /** As {@link #aboutUntil}, for a list answered as a map, as {@link #map} is. */
    @SuppressWarnings("unchecked")
    public <V> Map<String, V> mapUntil(Caller caller, Class<? extends KeptSet.Member> kind, String question, Instant now,
                                       Supplier<TrueUntil<?>> answer) {
        return new WrittenMap<>(keptUntil(caller, kind, question, now, answer), () -> (Map<String, V>) answer.get().answer());
    }

    private String keptUntil(Caller caller, Class<? extends KeptSet.Member> kind, String question, Instant now,
                             Supplier<TrueUntil<?>> answer) {
        String kept = cache.getAboutSet(caller.organizationId(), KeptSet.of(kind), question, text -> TrueUntil.holdsAt(text, now),
                () -> answer.get().asText());
        return TrueUntil.json(kept);
    }

    private final HeldAnswers heldHere = new HeldAnswers();

    /**
     * An answer about several of the organisation's sets (DORA: its deployments and incidents), kept as an object on this
     * node under the sets' present generations — so any committed change of any of them, on any node, is a new question —
     * while {@code now} is neither before the instant it was computed at nor past the instant it holds until. For answers
     * sent a little differently each time (a window ending now), which a kept text cannot be.
     */
    public <T> T held(Caller caller, List<Class<? extends KeptSet.Member>> kinds, String question, Instant now,
                      Supplier<TrueUntil<T>> compute) {
        return heldAboutSets(caller, kinds.stream().map(KeptSet::of).toList(), question, now, compute);
    }

    /**
     * As {@link #held}, under the organisation's sets of these names: its kinds' ({@link KeptSet#of}) and its telemetry's
     * ({@link QueryCache#TELEMETRY}, which a committed ingest into any of its services renews).
     */
    @SuppressWarnings("unchecked")
    public <T> T heldAboutSets(Caller caller, Collection<String> sets, String question, Instant now, Supplier<TrueUntil<T>> compute) {
        // The generations are read before computing: an answer computed from data changed meanwhile is kept under the old ones.
        String key = cache.keyAboutSets(caller.organizationId(), sets, question);
        Object kept = heldHere.at(key, now);
        if (kept != null) {
            return (T) kept;
        }
        TrueUntil<T> fresh = compute.get();
        heldHere.hold(key, fresh, now);
        return fresh.answer();
    }

    /** The question a page of a list asks, every part of the page request in it. */
    public static String pageQuestion(String list, PageRequest page) {
        return list + "|" + page.limit() + "|" + (page.newestFirst() ? "newest" : "oldest")
                + (page.afterKey() == null ? "|first" : "|after|" + page.afterKey());
    }

    private static Response json(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
