package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.maintenance.Intervals;
import com.aiaops.maintenance.MaintenanceService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    MaintenanceService maintenance;

    @Inject
    com.aiaops.telemetry.QueryCache cache;

    private static final jakarta.json.bind.Jsonb JSON = jakarta.json.bind.JsonbBuilder.create();

    @Inject
    AuditLog audit;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "aia.telemetry.minute-retention", defaultValue = "P35D")
    Duration minuteRetention;

    @Inject
    Clock clock;

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
    }

    /**
     * The SLO's status now, from the exact counts of the roll-ups. Cached per minute under the service's
     * telemetry generation: an ingest, or a maintenance window announced or cancelled, recomputes it at once;
     * otherwise it is at most a minute old. As the JSON it is cached as: an API answer needs no second parse and print.
     */
    public String statusJson(Caller caller, UUID id) {
        return statusJson(repository.find(caller.organizationId(), id).orElseThrow(() -> new NotFoundException("SLO", id)));
    }

    /** The status of an SLO the caller has already read (a page of SLOs): no second lookup per SLO. */
    public SloStatus status(Slo slo) {
        return JSON.fromJson(statusJson(slo), SloStatus.class);
    }

    private String statusJson(Slo slo) {
        Instant now = clock.instant();
        String question = "slo-status|" + slo.id() + "|" + slo.version() + "|" + now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return cache.get(slo.serviceId(), question, () -> JSON.toJson(evaluate(slo, now)));
    }

    /**
     * Statuses count maintenance, so a window announced or cancelled makes its services' cached statuses
     * unreachable; only once committed, or a request could compute from the old windows under the new generation.
     */
    void forgetStatuses(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                        com.aiaops.maintenance.MaintenanceChanged changed) {
        changed.serviceIds().forEach(cache::invalidate);
    }

    SloStatus evaluate(Slo slo, Instant now) {
        Integer threshold = slo.indicator() == Indicator.LATENCY ? slo.latencyBound() : null;
        java.util.function.UnaryOperator<Counts> good = slo.latencyGoodAbove() ? c -> new Counts(c.bad(), c.total()) : c -> c;
        // What the evaluation will read, read together: the maintenance of its whole span in one query, and every window's
        // counts (and those of the maintenance inside them) in one query per resolution. One by one it was some forty
        // queries an SLO, and a page of 200 SLOs took seconds each time a minute began.
        SloEvaluator.Reads reads = SloEvaluator.reads(slo.spec(), now);
        TelemetryQuery.Window maintenanceSpan = reads.excludedSpan() == null ? null
                : TelemetryQuery.Window.of(reads.excludedSpan().from(), reads.excludedSpan().to());
        List<Intervals.Interval> maintenanceOfSpan = maintenanceSpan == null ? List.of()
                : maintenance.excludedIntervals(slo.organizationId(), slo.serviceId(), maintenanceSpan.from(), maintenanceSpan.to());
        java.util.function.BiFunction<Instant, Instant, List<Intervals.Interval>> maintenanceIn = (from, to) -> {
            // The same whole minutes the telemetry counts over.
            TelemetryQuery.Window minutes = TelemetryQuery.Window.of(from, to);
            return Intervals.clipAndMerge(maintenanceOfSpan, minutes.from(), minutes.to());
        };
        List<TelemetryQuery.Window> windows = new java.util.ArrayList<>();
        for (SloEvaluator.Span span : reads.counted()) {
            windows.add(TelemetryQuery.Window.of(span.from(), span.to()));
            maintenanceIn.apply(span.from(), span.to()).forEach(i -> windows.add(TelemetryQuery.Window.of(i.from(), i.to())));
        }
        Map<TelemetryQuery.Window, Counts> counted = windows.isEmpty() ? Map.of() : telemetry.counts(slo.serviceId(), threshold, windows);
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
        List<String> exhausted = repository.ofService(caller.organizationId(), serviceId).stream()
                .filter(slo -> evaluate(slo, now).budgetExhausted()).map(Slo::name).toList();
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
