package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.maintenance.Intervals;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Defining SLOs, evaluating them against the telemetry, and the error-budget policy they imply for releases. */
@ApplicationScoped
public class SloService {
    @Inject
    SloRepository repository;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;


    @Inject
    com.aiaops.telemetry.QueryCache cache;

    /** The most SLOs evaluated in one read of their telemetry: a page of 200 at once, a scrape of thousands in parts. */
    private static final int EVALUATED_TOGETHER = 200;

    private static final jakarta.json.bind.Jsonb JSON = jakarta.json.bind.JsonbBuilder.create();

    @Inject
    AuditLog audit;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "aia.telemetry.minute-retention", defaultValue = "P35D")
    Duration minuteRetention;

    @Inject
    Clock clock;

    @Inject
    LatelyRead lately;

    @Inject
    SloRefs refs;

    @Inject
    SloRows rows;

    @Inject
    SloMaintenance keptMaintenance;

    /** This bean through its proxy: a kept page's read runs in {@link #list}'s transaction. */
    @Inject
    SloService self;

    @Inject
    jakarta.enterprise.event.Event<SloRefs.SloDeleted> deletions;

    /** What a client asks for; checked here so that every mistake is a clear 400. */
    public record Definition(UUID serviceId, String name, String displayName, Indicator indicator, Integer latencyThresholdMs,
                             boolean latencyThresholdStrict, boolean latencyGoodAbove, double target, String window, boolean rolling, java.time.LocalDateTime calendarStart,
                             String timeZone, BudgetingMethod budgetingMethod, Double timeSliceTarget,
                             String timeSliceWindow, long minimumEvents, List<BurnRateRule> burnRateRules) {
    }

    @Transactional
    public Slo define(Caller caller, Definition d) {
        if (services.find(caller.organizationId(), d.serviceId()).isEmpty()) {
            throw new InvalidRequestException("validation-failed", "No service " + d.serviceId() + " in this organisation",
                    List.of(new InvalidRequestException.Violation("serviceId", "no such service")));
        }
        if (repository.findByName(caller.organizationId(), d.name()).isPresent()) {
            throw new ConflictException("name-taken", "An SLO named '" + d.name() + "' already exists");
        }
        if (d.indicator() == Indicator.LATENCY && d.latencyThresholdMs() == null) {
            throw InvalidRequestException.ofField("validation-failed", "latencyThresholdMs", "a LATENCY SLO needs a threshold in milliseconds");
        }
        Slo slo = new Slo(caller.organizationId(), d.serviceId(), d.name(), d.displayName(), d.indicator(),
                d.latencyThresholdMs(), d.latencyThresholdStrict(), d.latencyGoodAbove(), spec(d), null, clock.instant());
        repository.add(slo);
        audit.record(caller, "slo.defined", "slo", slo.id(), null, snapshot(slo));
        return slo;
    }

    private SloSpec spec(Definition d) {
        try {
            TimeWindow window = d.rolling() ? TimeWindow.rolling(SloDuration.parse(d.window()))
                    : TimeWindow.calendar(SloDuration.parse(d.window()), d.calendarStart(),
                    d.timeZone() == null ? null : java.time.ZoneId.of(d.timeZone()));
            Duration slice = d.timeSliceWindow() == null ? null : SloDuration.parse(d.timeSliceWindow()).fixedLength();
            List<BurnRateRule> rules = d.burnRateRules() == null ? BurnRateRule.workbookDefaults() : d.burnRateRules();
            SloSpec spec = new SloSpec(d.target(), window, d.budgetingMethod(), d.timeSliceTarget(), slice, d.minimumEvents(), rules);
            spec.checkMeasurable(minuteRetention);
            return spec;
        } catch (SloSpec.Unmeasurable e) {
            throw new InvalidRequestException("validation-failed", "The SLO is not valid: " + e.getMessage(),
                    List.of(new InvalidRequestException.Violation(e.field(), e.getMessage())));
        } catch (java.time.DateTimeException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRequestException("validation-failed", "The SLO is not valid: " + e.getMessage(),
                    List.of(new InvalidRequestException.Violation(fieldOf(e), String.valueOf(e.getMessage()))));
        }
    }

    /** The definition's field a refusal of the spec's own rules is about. */
    private static String fieldOf(RuntimeException e) {
        if (e instanceof SloSpec.Refused refused) {
            return refused.field();
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof java.time.DateTimeException || message.contains("zone") || message.contains("Zone")) {
            return "timeZone";
        }
        if (message.contains("timeSliceTarget")) {
            return "timeSliceTarget";
        }
        if (message.contains("timeSliceWindow")) {
            return "timeSliceWindow";
        }
        if (message.contains("start time")) {
            return "calendarStart";
        }
        if (message.contains("target")) {
            return "target";
        }
        return "window";
    }

    @Transactional
    public Page<Slo> list(Caller caller, PageRequest page) {
        return page.toPage(repository.pageAfter(page.afterKey(), page.limit() + 1), Slo::name);
    }

    /**
     * The same page as references (id, service, version), kept until the organisation's SLOs change: a page read again
     * reads no SLO row ({@link SloRefs#page}).
     */
    public Page<SloRef> listRefs(Caller caller, PageRequest page) {
        return refs.page(caller.organizationId(), page, () -> self.list(caller, page));
    }

    /** These SLOs of the caller's organisation, by id; one deleted since its reference was read is not there. */
    @Transactional
    public Map<UUID, Slo> find(Caller caller, Collection<UUID> ids) {
        Map<UUID, Slo> found = new LinkedHashMap<>();
        repository.findAll(caller.organizationId(), ids).forEach(slo -> found.put(slo.id(), slo));
        return found;
    }

    /** A page of SLOs as references, with each one's status as the JSON {@link #statusJson} answers. */
    public record StatusPage(Page<SloRef> slos, Map<UUID, String> statusJsons) {
    }

    /**
     * A page of the caller's SLOs with their statuses: the kept page ({@link #listRefs}), its statuses as kept or computed
     * now. An SLO deleted since the page was kept, just as its status had to be computed, is not found: the page is then
     * read again from the database, so a list never answers 404.
     */
    public StatusPage statusPage(Caller caller, PageRequest page) {
        Page<SloRef> kept = listRefs(caller, page);
        try {
            return new StatusPage(kept, statusJsons(kept.items(), clock.instant(), true, missing -> rowsOf(caller, kept.items(), missing)));
        } catch (NotFoundException deletedSincePageWasKept) {
            Page<Slo> read = self.list(caller, page);
            return new StatusPage(read.map(SloRef::of), statusJsons(read.items()));
        }
    }

    /** Every SLO of the caller's organisation (at most 10,000), by name: for a scrape. */
    @Transactional
    public List<Slo> all(Caller caller) {
        return repository.pageAfter(null, 10_000);
    }

    @Transactional
    public Slo get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        Slo slo = find(caller, id);
        audit.record(caller, "slo.deleted", "slo", slo.id(), snapshot(slo), null);
        repository.remove(slo);
        deletions.fire(new SloRefs.SloDeleted(slo.organizationId(), slo.id()));
    }

    /**
     * The SLO's status now, from the exact counts of the roll-ups. Cached per minute under the service's
     * telemetry generation: an ingest, or a maintenance window announced or cancelled, recomputes it at once;
     * otherwise it is at most a minute old. As the JSON it is cached as: an API answer needs no second parse and print.
     * The SLO's row is read only when its status must be computed ({@link SloRefs}).
     */
    public String statusJson(Caller caller, UUID id) {
        SloRef ref = refs.of(caller.organizationId(), id);
        return statusJsons(List.of(ref), clock.instant(), true, missing -> rowsOf(caller, List.of(ref), missing)).get(id);
    }

    /** The rows of those of {@code refs} whose statuses must be computed, as kept on this node ({@link SloRows}). */
    private List<Slo> rowsOf(Caller caller, List<SloRef> refs, Collection<UUID> missing) {
        return rows.of(caller.organizationId(), refs.stream().filter(ref -> missing.contains(ref.id())).toList());
    }

    /** The status of an SLO the caller has already read (a page of SLOs): no second lookup per SLO. */
    public SloStatus status(Slo slo) {
        return statuses(List.of(slo)).get(slo.id());
    }

    /**
     * The statuses of SLOs the caller has already read (a page, a scrape), by SLO id, each as {@link #status(Slo)} answers
     * it: the cached ones read at once, the others evaluated together (one maintenance query, one telemetry query per
     * resolution for all of them). One by one, a page of 200 took most of a second each time a minute began.
     */
    public Map<UUID, SloStatus> statuses(List<Slo> slos) {
        Map<UUID, SloStatus> statuses = new LinkedHashMap<>();
        statusJsons(slos).forEach((id, json) -> statuses.put(id, JSON.fromJson(json, SloStatus.class)));
        return statuses;
    }

    /**
     * The same statuses as JSON, as they are kept: for an answer that sends them as they are, instead of reading each
     * back into a {@link SloStatus} only to write it again.
     */
    public Map<UUID, String> statusJsons(List<Slo> slos) {
        return statusJsons(slos, clock.instant(), true);
    }

    /**
     * The statuses of these SLOs at an instant of a minute about to begin, computed and cached now as a reader in that
     * minute would find them ({@link StatusesAhead}).
     */
    int prepare(UUID organizationId, Collection<UUID> ids, Instant at) {
        List<Slo> current = repository.findAll(organizationId, ids);
        statusJsons(current, at, false);
        return current.size();
    }

    private Map<UUID, String> statusJsons(List<Slo> slos, Instant now, boolean read) {
        Map<UUID, Slo> byId = new LinkedHashMap<>();
        slos.forEach(slo -> byId.put(slo.id(), slo));
        return statusJsons(slos.stream().map(SloRef::of).toList(), now, read, missing -> missing.stream().map(byId::get).toList());
    }

    /**
     * Each SLO's status at {@code now}, by id in the order asked: cached answers as found, the others computed from the
     * SLOs {@code load} gives for their ids. {@code read}: a reader asked, so the SLOs' next minute is worth preparing.
     */
    private Map<UUID, String> statusJsons(List<SloRef> slos, Instant now, boolean read, Function<Collection<UUID>, List<Slo>> load) {
        Instant minuteStart = now.truncatedTo(ChronoUnit.MINUTES);
        if (read) {
            lately.read(slos, minuteStart);
        }
        Map<UUID, com.aiaops.telemetry.QueryCache.Question> questions = new LinkedHashMap<>();
        for (SloRef slo : slos) {
            questions.put(slo.id(), new com.aiaops.telemetry.QueryCache.Question(slo.serviceId(),
                    "slo-status|" + slo.id() + "|" + slo.version() + "|" + minuteStart));
        }
        // Kept to the end of the minute the statuses are about (and a little past, for a reader at its last instant).
        Duration lifetime = Duration.between(clock.instant(), minuteStart.plus(Duration.ofMinutes(1)).plusSeconds(5));
        Map<UUID, String> answers = cache.getEach(questions, missing -> {
            List<Slo> loaded = load.apply(missing);
            if (loaded.size() < missing.size()) { // deleted since its reference was read
                Set<UUID> found = loaded.stream().map(Slo::id).collect(Collectors.toSet());
                throw new NotFoundException("SLO", missing.stream().filter(id -> !found.contains(id)).findFirst().orElseThrow());
            }
            Map<UUID, String> computed = new java.util.HashMap<>();
            // A service's SLOs together (they read the same rows), and a bounded number at a time (a scrape asks for all).
            List<Slo> toEvaluate = loaded.stream().sorted(java.util.Comparator.comparing(Slo::serviceId)).toList();
            for (int first = 0; first < toEvaluate.size(); first += EVALUATED_TOGETHER) {
                evaluate(toEvaluate.subList(first, Math.min(toEvaluate.size(), first + EVALUATED_TOGETHER)), now)
                        .forEach((id, status) -> computed.put(id, JSON.toJson(status)));
            }
            return computed;
        }, lifetime);
        Map<UUID, String> inOrder = new LinkedHashMap<>();
        questions.keySet().forEach(id -> inOrder.put(id, answers.get(id)));
        return inOrder;
    }

    /**
     * Statuses count maintenance, so a window announced or cancelled makes its services' cached statuses
     * unreachable; only once committed, or a request could compute from the old windows under the new generation. The
     * kept windows ({@link SloMaintenance}) first: Hibernate's own renewal of that set may come after this, and a status
     * computed in between would count the windows kept before the change under the services' new generation.
     */
    void forgetStatuses(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                        com.aiaops.maintenance.MaintenanceChanged changed) {
        cache.invalidateSet(changed.organizationId(), com.aiaops.shared.KeptSet.of(com.aiaops.maintenance.MaintenanceWindow.class));
        cache.invalidate(changed.organizationId(), changed.serviceIds());
    }

    SloStatus evaluate(Slo slo, Instant now) {
        return evaluate(List.of(slo), now).get(slo.id());
    }

    /**
     * Evaluates SLOs together: what each evaluation will read, read for all of them at once — the maintenance of each
     * organisation's span in one query, every window's counts (and those of the maintenance inside them) in one query per
     * resolution. One by one it was some forty queries an SLO, then four, and a page of 200 SLOs took most of a second
     * each time a minute began.
     */
    private Map<UUID, SloStatus> evaluate(List<Slo> slos, Instant now) {
        Map<UUID, SloEvaluator.Reads> reads = new java.util.HashMap<>();
        Map<UUID, List<Slo>> byOrganization = new LinkedHashMap<>();
        for (Slo slo : slos) {
            reads.put(slo.id(), SloEvaluator.reads(slo.spec(), now));
            byOrganization.computeIfAbsent(slo.organizationId(), o -> new java.util.ArrayList<>()).add(slo);
        }
        Map<UUID, List<Intervals.Interval>> maintenanceOfSpan = new java.util.HashMap<>();
        byOrganization.forEach((organizationId, ofOrganization) -> {
            // The same whole minutes the telemetry counts over, each SLO's own; read once for the union of them.
            Map<Slo, TelemetryQuery.Window> excludedMinutes = new LinkedHashMap<>();
            for (Slo slo : ofOrganization) {
                SloEvaluator.Span excluded = reads.get(slo.id()).excludedSpan();
                if (excluded != null) {
                    excludedMinutes.put(slo, TelemetryQuery.Window.of(excluded.from(), excluded.to()));
                }
            }
            if (excludedMinutes.isEmpty()) {
                return;
            }
            Instant from = excludedMinutes.values().stream().map(TelemetryQuery.Window::from).min(Instant::compareTo).orElseThrow();
            Instant to = excludedMinutes.values().stream().map(TelemetryQuery.Window::to).max(Instant::compareTo).orElseThrow();
            Map<UUID, List<Intervals.Interval>> byService = keptMaintenance.excludedIntervals(organizationId,
                    excludedMinutes.keySet().stream().map(Slo::serviceId).collect(java.util.stream.Collectors.toSet()), from, to);
            excludedMinutes.forEach((slo, span) ->
                    maintenanceOfSpan.put(slo.id(), Intervals.clipAndMerge(byService.get(slo.serviceId()), span.from(), span.to())));
        });
        Map<TelemetryQuery.Counted, java.util.Set<TelemetryQuery.Window>> asked = new LinkedHashMap<>();
        for (Slo slo : slos) {
            java.util.Set<TelemetryQuery.Window> windows = asked.computeIfAbsent(counted(slo), c -> new java.util.LinkedHashSet<>());
            List<Intervals.Interval> ofSpan = maintenanceOfSpan.getOrDefault(slo.id(), List.of());
            for (SloEvaluator.Span span : reads.get(slo.id()).counted()) {
                windows.add(TelemetryQuery.Window.of(span.from(), span.to()));
                maintenanceIn(ofSpan, span.from(), span.to()).forEach(i -> windows.add(TelemetryQuery.Window.of(i.from(), i.to())));
            }
        }
        Map<TelemetryQuery.Counted, Map<TelemetryQuery.Window, Counts>> counted;
        try {
            counted = telemetry.counts(asked);
        } catch (com.aiaops.telemetry.TelemetryInconsistentException e) {
            if (slos.size() == 1) {
                throw e;
            }
            // A service's stored rows cannot be true: each SLO on its own, so the refusal is the first such SLO's, as it was
            // when SLOs were evaluated one by one.
            Map<UUID, SloStatus> oneByOne = new LinkedHashMap<>();
            slos.forEach(slo -> oneByOne.putAll(evaluate(List.of(slo), now)));
            return oneByOne;
        }
        Map<UUID, SloStatus> statuses = new LinkedHashMap<>();
        for (Slo slo : slos) {
            statuses.put(slo.id(), evaluate(slo, now, maintenanceOfSpan.getOrDefault(slo.id(), List.of()), counted.get(counted(slo))));
        }
        return statuses;
    }

    private static TelemetryQuery.Counted counted(Slo slo) {
        return new TelemetryQuery.Counted(slo.serviceId(), slo.indicator() == Indicator.LATENCY ? slo.latencyBound() : null);
    }

    /** The maintenance inside [from, to), over the same whole minutes the telemetry counts. */
    private static List<Intervals.Interval> maintenanceIn(List<Intervals.Interval> maintenanceOfSpan, Instant from, Instant to) {
        TelemetryQuery.Window minutes = TelemetryQuery.Window.of(from, to);
        return Intervals.clipAndMerge(maintenanceOfSpan, minutes.from(), minutes.to());
    }

    private SloStatus evaluate(Slo slo, Instant now, List<Intervals.Interval> maintenanceOfSpan, Map<TelemetryQuery.Window, Counts> counted) {
        Integer threshold = counted(slo).latencyThresholdMillis();
        java.util.function.UnaryOperator<Counts> good = slo.latencyGoodAbove() ? c -> new Counts(c.bad(), c.total()) : c -> c;
        java.util.function.BiFunction<Instant, Instant, List<Intervals.Interval>> maintenanceIn = (from, to) -> maintenanceIn(maintenanceOfSpan, from, to);
        java.util.function.BiFunction<Instant, Instant, Counts> countsOf = (from, to) -> {
            Counts read = counted.get(TelemetryQuery.Window.of(from, to));
            // Every window was read above; asking again would only cost a query, never change an answer.
            return read != null ? read : telemetry.counts(slo.serviceId(), threshold, from, to);
        };
        return SloEvaluator.evaluate(slo.spec(), now, new SloEvaluator.CountSource() {
            @Override
            public Counts counts(Instant from, Instant to) {
                Counts counts = countsOf.apply(from, to);
                for (Intervals.Interval interval : maintenanceIn.apply(from, to)) {
                    counts = counts.minus(countsOf.apply(interval.from(), interval.to()));
                }
                return good.apply(counts);
            }

            @Override
            public List<Counts> slices(Instant from, Instant to, Duration slice) {
                List<Counts> slices = new java.util.ArrayList<>(telemetry.slices(slo.serviceId(), threshold, from, to, slice));
                slices.replaceAll(good);
                Instant start = TelemetryQuery.Window.of(from, to).from();
                for (Intervals.Interval maintenance : maintenanceIn.apply(from, to)) {
                    // A slice touched by maintenance is left out whole.
                    int first = (int) (Duration.between(start, maintenance.from()).toMinutes() / slice.toMinutes());
                    int last = (int) ((Duration.between(start, maintenance.to()).toMinutes() - 1) / slice.toMinutes());
                    for (int i = Math.max(first, 0); i <= last && i < slices.size(); i++) {
                        slices.set(i, Counts.NONE);
                    }
                }
                return slices;
            }

            @Override
            public Duration excluded(Instant from, Instant to) {
                return Intervals.total(maintenanceIn.apply(from, to));
            }
        });
    }

    /**
     * The error-budget policy of a service: releases are frozen while any of its SLOs has spent its budget
     * (the Workbook's policy; P0 and security fixes, and audited overrides, are the delivery capability's).
     */
    public BudgetPolicy budgetPolicy(Caller caller, UUID serviceId) {
        if (services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new NotFoundException("service", serviceId);
        }
        Instant now = clock.instant();
        List<Slo> ofService = repository.ofService(caller.organizationId(), serviceId);
        Map<UUID, SloStatus> statuses = evaluate(ofService, now);
        List<String> exhausted = ofService.stream().filter(slo -> statuses.get(slo.id()).budgetExhausted()).map(Slo::name).toList();
        return new BudgetPolicy(serviceId, !exhausted.isEmpty(), exhausted, now);
    }

    /** The caller's SLOs (all, or one) as OpenSLO v1 YAML, with the Service documents they refer to. */
    @Transactional
    public String exportOpenSlo(Caller caller, UUID onlySlo) {
        List<Slo> chosen = onlySlo != null ? List.of(find(caller, onlySlo))
                : repository.pageAfter(null, 10_000);
        Map<UUID, com.aiaops.catalog.Service> byId = new LinkedHashMap<>();
        for (Slo slo : chosen) {
            byId.computeIfAbsent(slo.serviceId(), id -> services.find(caller.organizationId(), id).orElseThrow());
        }
        List<OpenSlo.ServiceDoc> serviceDocs = byId.values().stream()
                .map(s -> new OpenSlo.ServiceDoc(s.slug(), s.displayName(), s.description())).toList();
        List<OpenSlo.SloDoc> sloDocs = chosen.stream().map(slo -> new OpenSlo.SloDoc(slo.name(), slo.displayName(),
                byId.get(slo.serviceId()).slug(), slo.indicator(), slo.latencyThresholdMillis(), slo.latencyThresholdStrict(),
                slo.latencyGoodAbove(), slo.spec(), slo.openSloIndicator(), slo.openSloMetadata())).toList();
        return OpenSlo.write(serviceDocs, sloDocs);
    }

    /**
     * Imports OpenSLO documents: all their SLOs, or none; with {@code partial}, every document that can be imported is,
     * and each refused one is listed with the path of its problem. Services must already be in the catalog (OpenSLO
     * knows nothing of owner teams and tiers); what is not imported is listed in the answer.
     */
    @Transactional
    public ImportReport importOpenSlo(Caller caller, String yaml, boolean partial) {
        OpenSlo.Parsed parsed = OpenSlo.read(yaml, partial);
        List<OpenSlo.Finding> refused = new java.util.ArrayList<>(parsed.refused());
        Map<String, UUID> serviceIds = new LinkedHashMap<>();
        java.util.Set<String> slugs = new java.util.LinkedHashSet<>();
        parsed.services().forEach(s -> slugs.add(s.name()));
        parsed.slos().forEach(s -> slugs.add(s.service()));
        for (String slug : slugs) {
            services.findBySlug(caller.organizationId(), slug).ifPresent(s -> serviceIds.put(slug, s.id()));
        }
        List<OpenSlo.Finding> findings = new java.util.ArrayList<>(parsed.findings());
        for (OpenSlo.ServiceDoc service : parsed.services()) {
            if (serviceIds.containsKey(service.name())) {
                findings.add(new OpenSlo.Finding("Service " + service.name(), "", "matched to the catalog's service; its description there is kept"));
            } else {
                refused.add(new OpenSlo.Finding("Service " + service.name(), "metadata.name", "no service with this slug in the catalog; register it first"));
            }
        }
        List<OpenSlo.SloDoc> importable = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (OpenSlo.SloDoc doc : parsed.slos()) {
            String document = "SLO " + doc.name();
            if (!serviceIds.containsKey(doc.service())) {
                refused.add(new OpenSlo.Finding(document, "spec.service", "no service '" + doc.service() + "' in the catalog; register it first"));
            } else if (repository.findByName(caller.organizationId(), doc.name()).isPresent() || !names.add(doc.name())) {
                refused.add(new OpenSlo.Finding(document, "metadata.name", "an SLO with this name already exists"));
            } else {
                try {
                    doc.spec().checkMeasurable(minuteRetention);
                    importable.add(doc);
                } catch (IllegalArgumentException e) {
                    refused.add(new OpenSlo.Finding(document, "spec", "cannot be measured: " + e.getMessage()));
                }
            }
        }
        if (!refused.isEmpty() && !partial) {
            boolean onlyNames = refused.stream().allMatch(r -> r.path().equals("metadata.name") && r.document().startsWith("SLO "));
            if (onlyNames) {
                throw new ConflictException("name-taken", refused.get(0).document().substring(4) + ": an SLO with this name already exists; "
                        + "nothing was imported");
            }
            throw new InvalidRequestException("invalid-openslo", "The OpenSLO documents cannot be imported (nothing was): " + refused.size()
                    + " problem(s); with partial=true the others import", refused.stream().map(OpenSlo.Finding::asViolation).toList());
        }
        List<Slo> created = new java.util.ArrayList<>();
        for (OpenSlo.SloDoc doc : importable) {
            Slo slo = new Slo(caller.organizationId(), serviceIds.get(doc.service()), doc.name(), doc.displayName(), doc.indicator(),
                    doc.latencyThresholdMs(), doc.latencyThresholdStrict(), doc.latencyGoodAbove(), doc.spec(), doc.foreignIndicator(), clock.instant());
            slo.keepOpenSloMetadata(doc.keptMetadata());
            repository.add(slo);
            audit.record(caller, "slo.imported", "slo", slo.id(), null, snapshot(slo));
            created.add(slo);
        }
        return new ImportReport(created.stream().map(s -> new ImportReport.Created(s.id(), s.name())).toList(), findings, refused);
    }

    /** The SLOs created, what was not taken from the documents imported, and (partial imports) the documents refused. */
    public record ImportReport(List<Created> created, List<OpenSlo.Finding> findings, List<OpenSlo.Finding> refused) {
        public record Created(UUID id, String name) {
        }
    }

    public record BudgetPolicy(UUID serviceId, boolean releasesFrozen, List<String> exhaustedSlos, Instant evaluatedAt) {
    }

    private Slo find(Caller caller, UUID id) {
        return repository.find(caller.organizationId(), id).orElseThrow(() -> new NotFoundException("SLO", id));
    }


    static Map<String, Object> snapshot(Slo slo) {
        Map<String, Object> state = new LinkedHashMap<>();
        SloSpec spec = slo.spec();
        state.put("name", slo.name());
        state.put("serviceId", slo.serviceId().toString());
        state.put("indicator", slo.indicator().name());
        state.put("latencyThresholdMs", slo.latencyThresholdMillis());
        state.put("latencyThresholdStrict", slo.latencyThresholdStrict());
        state.put("latencyGoodAbove", slo.latencyGoodAbove());
        state.put("target", spec.target());
        state.put("window", spec.window().duration().toString());
        state.put("rolling", spec.window().rolling());
        state.put("budgetingMethod", spec.method().name());
        return state;
    }
}
