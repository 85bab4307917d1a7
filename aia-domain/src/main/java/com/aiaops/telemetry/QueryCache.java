package com.aiaops.telemetry;

import com.aiaops.shared.ClusterCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Answers to telemetry queries, cached cluster-wide in the distributed "queries" cache. Each service has a
 * generation token that every committed ingest replaces; answers are keyed by it, so an ingest makes every
 * earlier answer about the service unreachable at once, on every node: nothing stale is ever served.
 * Values are JSON strings, which any node can read.
 */
@ApplicationScoped
public class QueryCache {
    /** How long an answer lives unless its asker says otherwise: past it, its generation or window has usually moved on. */
    private static final Duration ANSWER_LIFETIME = Duration.ofSeconds(60);
    private static final Duration SEALED_LAG = Duration.ofMinutes(2);
    /**
     * A write counts as touching sealed minutes a minute before they are: nodes' clocks may differ by up to that much
     * without a node's sealed answers missing a write another node made.
     */
    private static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(1);
    /** Longer than any answer lives, so a generation never lapses back to one an answer is still keyed by. */
    private static final long GENERATION_SECONDS = 600;

    @Inject
    ClusterCaches caches;

    /**
     * Requests that miss the same answer at once (every reader of an SLO when a minute begins) wait for one
     * computation on this node instead of each running it: a herd of identical evaluations held every one of
     * them up for most of a second.
     */
    private final SingleFlight<String> computeOnce = new SingleFlight<>();
    private final SingleFlight<Map<?, String>> computeManyOnce = new SingleFlight<>();

    /**
     * The cached answer, or {@code compute}'s, cached. The generation is read before computing, so an answer
     * computed from data an ingest has since replaced is stored under a key nobody asks for any more.
     */
    public String get(UUID serviceId, String question, Supplier<String> compute) {
        String key = answerKey(serviceId, question);
        String cached = caches.queries().get(key);
        if (cached != null) {
            return cached;
        }
        return computeAndKeep(key, ANSWER_LIFETIME.toSeconds(), compute);
    }

    /** As {@link #get(UUID, String, Supplier)}, under the generation the question names (a sealed part's, or every ingest's). */
    public String get(Question question, Supplier<String> compute) {
        return getEach(Map.of(question.question(), question), missing -> Map.of(question.question(), compute.get())).get(question.question());
    }

    /**
     * A question about one service's telemetry: answered under that service's generation, or, for a question about
     * {@linkplain #sealedBefore sealed minutes} only, under its sealed generation, which only a write into those minutes
     * replaces.
     */
    public record Question(UUID serviceId, String question, boolean sealedOnly) {
        public Question(UUID serviceId, String question) {
            this(serviceId, question, false);
        }

        private Generation generation() {
            return new Generation(serviceId, sealedOnly);
        }
    }

    /** Which of a service's two generations. */
    private record Generation(UUID serviceId, boolean sealed) {
        String key() {
            return (sealed ? "generation-sealed|" : "generation|") + serviceId;
        }
    }

    /**
     * Minutes before this instant are sealed: an ingest that writes none of them leaves every answer about them as it was
     * (see {@link #invalidateWritten}), so a status evaluated again after each new batch reads its long windows' sealed
     * part from the cache and only the last minutes from the database. Two minutes back from the minute's start.
     */
    public static Instant sealedBefore(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES).minus(SEALED_LAG);
    }

    /**
     * The last instant an answer computed at {@code computedAt} that counts telemetry to the end of its minute (a
     * scorecard, a scrape) stays true, given the same data: telemetry is kept by the minute, so to that minute's end. On
     * the minute itself, only for that instant (the answer counted to the minute's start).
     */
    public static Instant heldToMinuteEnd(Instant computedAt) {
        Instant minute = computedAt.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(computedAt) ? computedAt : minute.plus(Duration.ofMinutes(1)).minusNanos(1);
    }

    /**
     * The same question about many services (an organisation's scorecard): the cached answers read at once, the missing
     * ones computed together by {@code computeMissing} (one query per resolution for all of them instead of one per
     * service) and each cached under its own service's generation, so an ingest into one service makes only its answer
     * unreachable. {@code computeMissing} must answer every service it is given.
     */
    public Map<UUID, String> getEach(Collection<UUID> serviceIds, String question, Function<Set<UUID>, Map<UUID, String>> computeMissing) {
        Map<UUID, Question> questions = new LinkedHashMap<>();
        for (UUID serviceId : serviceIds) {
            questions.put(serviceId, new Question(serviceId, question));
        }
        return getEach(questions, computeMissing);
    }

    /**
     * Several questions about one service (an SLO's windows), answered as {@link #get} answers each: the cached ones read
     * at once, the missing ones computed together. {@code computeMissing} must answer every question it is given.
     */
    public Map<String, String> getEach(UUID serviceId, Collection<String> questions, Function<Set<String>, Map<String, String>> computeMissing) {
        Map<String, Question> asked = new LinkedHashMap<>();
        for (String question : questions) {
            asked.put(question, new Question(serviceId, question));
        }
        return getEach(asked, computeMissing);
    }

    /**
     * Questions about several services (a page of SLO statuses and the windows they count), each answered as
     * {@link #get} answers it, under its own service's generation: the cached answers read at once, the missing ones
     * computed together. {@code computeMissing} must answer every question it is given.
     */
    public <K extends Comparable<K>> Map<K, String> getEach(Map<K, Question> questions, Function<Set<K>, Map<K, String>> computeMissing) {
        return getEach(questions, computeMissing, ANSWER_LIFETIME);
    }

    /**
     * As {@link #getEach(Map, Function)}, the computed answers kept for {@code lifetime} (at least a second): an answer
     * prepared before the minute it is about must last to that minute's end.
     */
    public <K extends Comparable<K>> Map<K, String> getEach(Map<K, Question> questions, Function<Set<K>, Map<K, String>> computeMissing,
                                                            Duration lifetime) {
        Map<Generation, String> generations = generations(questions.values().stream().map(Question::generation).collect(Collectors.toSet()));
        Map<K, String> keys = new LinkedHashMap<>();
        questions.forEach((k, q) -> keys.put(k, answerKey(q.serviceId(), generations.get(q.generation()), q.question())));
        return getAll(keys, computeMissing, Math.max(1, lifetime.toSeconds()));
    }

    @SuppressWarnings("unchecked")
    private <K extends Comparable<K>> Map<K, String> getAll(Map<K, String> keys, Function<Set<K>, Map<K, String>> computeMissing,
                                                            long lifetimeSeconds) {
        Map<String, String> cached = caches.queries().getAll(new HashSet<>(keys.values()));
        Map<K, String> answers = new HashMap<>();
        Set<K> missing = new TreeSet<>();
        keys.forEach((k, key) -> {
            String answer = cached.get(key);
            if (answer != null) {
                answers.put(k, answer);
            } else {
                missing.add(k);
            }
        });
        if (!missing.isEmpty()) {
            // Everyone missing the same answers at once (each minute's first readers) waits for one computation.
            String flight = missing.stream().map(keys::get).collect(Collectors.joining(","));
            answers.putAll((Map<K, String>) computeManyOnce.get(flight, () -> {
                Map<K, String> computed = computeMissing.apply(Collections.unmodifiableSet(missing));
                for (K k : missing) {
                    String answer = computed.get(k);
                    if (answer == null) {
                        throw new IllegalStateException("no answer computed for " + keys.get(k));
                    }
                    if (!answer.isEmpty()) { // see computeAndKeep
                        caches.queries().put(keys.get(k), answer, lifetimeSeconds, TimeUnit.SECONDS);
                    }
                }
                return computed;
            }));
        }
        return answers;
    }

    /**
     * An answer about more than one service's telemetry (an organisation's status page), which no ingest can invalidate
     * by itself: cached for a fixed time only, under its own key, so it is at most {@code lifetime} old.
     */
    public String getForAWhile(String key, Duration lifetime, Supplier<String> compute) {
        String cacheKey = "timed|" + key;
        String cached = caches.queries().get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return computeAndKeep(cacheKey, Math.max(1, lifetime.toSeconds()), compute);
    }

    /** Forgets what {@link #getForAWhile} keeps under this key, on every node. */
    public void forgetForAWhile(String key) {
        caches.queries().remove("timed|" + key);
    }

    private String computeAndKeep(String key, long seconds, Supplier<String> compute) {
        return computeOnce.get(key, () -> {
            String answer = compute.get();
            // The cluster's marshalling (ProtoStream) fails on the other nodes on an empty string: such an answer is not kept.
            if (!answer.isEmpty()) {
                caches.queries().put(key, answer, seconds, TimeUnit.SECONDS);
            }
            return answer;
        });
    }

    /** Fired when stored rows went without a write that names their service (the minute retention); see {@link #forgetAll}. */
    public record RowsPurged(long rows) {
    }

    /**
     * Every answer about every service forgotten, on every node, once the purge commits (before, a reader could still
     * compute from the rows going and keep the answer). Generations are forgotten with the answers, so an answer
     * computed from the old rows and stored after this is keyed by a generation nobody reads again.
     */
    void forgetAll(@Observes(during = TransactionPhase.AFTER_SUCCESS) RowsPurged purged) {
        caches.queries().clear();
    }

    /**
     * An answer about one organisation's set of objects of a kind (its SLOs by name): kept under the set's own generation,
     * which {@link #invalidateSet} renews, on every node, once a change of the set commits.
     */
    public String getAboutSet(UUID organizationId, String set, String question, Supplier<String> compute) {
        return get(setId(organizationId, set), question, compute);
    }

    /**
     * As {@link #getAboutSet(UUID, String, String, Supplier)}, for an answer that also depends on the time: a kept answer
     * {@code stillTrue} rejects (the time it held for has passed) is computed again.
     */
    public String getAboutSet(UUID organizationId, String set, String question, Predicate<String> stillTrue, Supplier<String> compute) {
        String key = answerKey(setId(organizationId, set), question);
        String cached = caches.queries().get(key);
        if (cached != null && stillTrue.test(cached)) {
            return cached;
        }
        return computeAndKeep(key, ANSWER_LIFETIME.toSeconds(), compute);
    }

    /**
     * The key an answer about several of the organisation's sets (DORA reads deployments and incidents) is kept under on
     * this node: it names each set's present generation, read together, so a committed change of any of them gives a key
     * nobody asked before. For answers kept as objects rather than text (see {@code KeptAnswers.held}). {@link #TELEMETRY}
     * names the telemetry of all its services.
     */
    public String keyAboutSets(UUID organizationId, Collection<String> sets, String question) {
        Map<String, Generation> bySet = new java.util.TreeMap<>();
        sets.forEach(set -> bySet.put(set, new Generation(setId(organizationId, set), false)));
        Map<Generation, String> generations = generations(new HashSet<>(bySet.values()));
        StringBuilder key = new StringBuilder("sets|").append(organizationId);
        bySet.forEach((set, generation) -> key.append('|').append(set).append('=').append(generations.get(generation)));
        return key.append('|').append(question).toString();
    }

    /** A change of a set that no entity event shows (a bulk statement, an on-call override), made known once it commits. */
    void keptSetChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) com.aiaops.shared.KeptSet.Changed change) {
        invalidateSet(change.organizationId(), com.aiaops.shared.KeptSet.of(change.kind()));
    }

    /** Every answer about the organisation's set made unreachable: call once a change of the set has committed. */
    public void invalidateSet(UUID organizationId, String set) {
        // Answers about a set are kept under its plain generation only (getAboutSet); it has no sealed minutes.
        renew(new Generation(setId(organizationId, set), false));
    }

    /** The set's generation is kept as a service's is, under a name-based id no service id (time-ordered) can equal. */
    private static UUID setId(UUID organizationId, String set) {
        return UUID.nameUUIDFromBytes(("set|" + set + "|" + organizationId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The set of an organisation's telemetry, all its services' together, for answers about many of them (a scorecard):
     * every committed write into any of them renews it, as {@link #invalidateWritten} renews each service's own.
     */
    public static final String TELEMETRY = "telemetry";

    /** Every answer about the service made unreachable: its data changed anywhere (a repair, a maintenance change). */
    public void invalidate(UUID organizationId, UUID serviceId) {
        invalidate(organizationId, List.of(serviceId));
    }

    /** As {@link #invalidate(UUID, UUID)} for several services of the organisation, its telemetry set renewed once. */
    public void invalidate(UUID organizationId, Collection<UUID> serviceIds) {
        for (UUID serviceId : serviceIds) {
            renew(new Generation(serviceId, false));
            renew(new Generation(serviceId, true));
        }
        invalidateSet(organizationId, TELEMETRY);
    }

    /**
     * Called after an ingest commits with the oldest minute it wrote into the service: answers about the service are made
     * unreachable, and those about its sealed minutes too if the write reached them. The ingest renews its organisation's
     * {@link #TELEMETRY} set once, after its services.
     */
    public void invalidateWritten(UUID serviceId, Instant oldestMinuteWritten, Instant now) {
        renew(new Generation(serviceId, false));
        if (oldestMinuteWritten.isBefore(sealedBefore(now).plus(CLOCK_ALLOWANCE))) {
            renew(new Generation(serviceId, true));
        }
    }

    private void renew(Generation generation) {
        caches.queries().put(generation.key(), UUID.randomUUID().toString(), GENERATION_SECONDS, TimeUnit.SECONDS);
    }

    private String generation(Generation of) {
        String generation = caches.queries().get(of.key());
        if (generation == null) {
            generation = UUID.randomUUID().toString();
            String raced = caches.queries().putIfAbsent(of.key(), generation, GENERATION_SECONDS, TimeUnit.SECONDS);
            return raced != null ? raced : generation;
        }
        return generation;
    }

    /** The generations, read together (one call to the cache, not one per service). */
    private Map<Generation, String> generations(Set<Generation> asked) {
        if (asked.size() == 1) {
            Generation only = asked.iterator().next();
            return Map.of(only, generation(only));
        }
        Map<String, Generation> byKey = new HashMap<>();
        asked.forEach(g -> byKey.put(g.key(), g));
        Map<String, String> found = caches.queries().getAll(byKey.keySet());
        Map<Generation, String> generations = new HashMap<>();
        byKey.forEach((key, g) -> {
            String generation = found.get(key);
            generations.put(g, generation != null ? generation : generation(g));
        });
        return generations;
    }

    private String answerKey(UUID serviceId, String question) {
        return answerKey(serviceId, generation(new Generation(serviceId, false)), question);
    }

    private static String answerKey(UUID serviceId, String generation, String question) {
        return "answer|" + serviceId + "|" + generation + "|" + question;
    }

}
