package com.aiaops.slo;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/** A service level objective of one service, as stored; {@link #spec()} is what the evaluator reads. */
@Entity
@Table(name = "slo", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}))
public class Slo implements com.aiaops.shared.KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Indicator indicator;

    @Column(name = "latency_threshold_ms")
    private Integer latencyThresholdMillis;

    /** The indicator an imported OpenSLO document gave, as JSON (queries on other systems included): written back on export. */
    @Column(name = "openslo_indicator", length = 20_000)
    private String openSloIndicator;

    /** An imported document's labels, other annotations and description, as JSON: written back on export. */
    @Column(name = "openslo_metadata", length = 8_000)
    private String openSloMetadata;

    /** The comparison is strict: good if under (OpenSLO {@code op: lt}) rather than at or under ({@code lte}); above: {@code gt}, not {@code gte}. */
    @Column(name = "latency_threshold_strict", nullable = false)
    private boolean latencyThresholdStrict;

    /**
     * Good if the request takes longer than the threshold (OpenSLO {@code op: gt}/{@code gte}), as an imported document
     * may say of a metric where more is better; counted as the complement of the bound's requests within.
     */
    @Column(name = "latency_good_above", nullable = false)
    private boolean latencyGoodAbove;

    @Column(nullable = false)
    private double target;

    @Column(name = "window_duration", nullable = false, length = 8)
    private String windowDuration;

    @Column(nullable = false)
    private boolean rolling;

    @Column(name = "calendar_start")
    private LocalDateTime calendarStart;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "budgeting_method", nullable = false, length = 16)
    private BudgetingMethod budgetingMethod;

    @Column(name = "time_slice_target")
    private Double timeSliceTarget;

    @Column(name = "time_slice_minutes")
    private Integer timeSliceMinutes;

    @Column(name = "minimum_events", nullable = false)
    private long minimumEvents;

    /** The burn-rate rules as data: "long/short/factor/severity;…", e.g. "60/5/14.4/PAGE". */
    @Column(name = "burn_rate_rules", nullable = false, length = 1000)
    private String burnRateRules;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Slo() {
    }

    public Slo(UUID organizationId, UUID serviceId, String name, String displayName, Indicator indicator,
               Integer latencyThresholdMillis, boolean latencyThresholdStrict, boolean latencyGoodAbove, SloSpec spec, String openSloIndicator,
               Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.name = name;
        this.displayName = displayName;
        this.indicator = indicator;
        this.latencyThresholdMillis = indicator == Indicator.LATENCY ? latencyThresholdMillis : null;
        this.latencyThresholdStrict = indicator == Indicator.LATENCY && latencyThresholdStrict;
        this.latencyGoodAbove = indicator == Indicator.LATENCY && latencyGoodAbove;
        this.openSloIndicator = openSloIndicator;
        this.createdAt = createdAt;
        define(spec);
    }

    private void define(SloSpec spec) {
        this.target = spec.target();
        this.windowDuration = spec.window().duration().toString();
        this.rolling = spec.window().rolling();
        this.calendarStart = spec.window().calendarStart();
        this.timeZone = spec.window().timeZone() == null ? null : spec.window().timeZone().getId();
        this.budgetingMethod = spec.method();
        this.timeSliceTarget = spec.timeSliceTarget();
        this.timeSliceMinutes = spec.timeSliceWindow() == null ? null : (int) spec.timeSliceWindow().toMinutes();
        this.minimumEvents = spec.minimumEvents();
        this.burnRateRules = spec.rules().stream()
                .map(r -> r.longWindow().toMinutes() + "/" + r.shortWindow().toMinutes() + "/" + r.factor() + "/" + r.severity())
                .collect(Collectors.joining(";"));
    }

    public SloSpec spec() {
        TimeWindow window = rolling ? TimeWindow.rolling(SloDuration.parse(windowDuration))
                : TimeWindow.calendar(SloDuration.parse(windowDuration), calendarStart, ZoneId.of(timeZone));
        List<BurnRateRule> rules = new ArrayList<>();
        if (!burnRateRules.isEmpty()) {
            for (String rule : burnRateRules.split(";")) {
                String[] p = rule.split("/");
                rules.add(new BurnRateRule(Duration.ofMinutes(Long.parseLong(p[0])), Duration.ofMinutes(Long.parseLong(p[1])),
                        Double.parseDouble(p[2]), BurnRateRule.Severity.valueOf(p[3])));
            }
        }
        return new SloSpec(target, window, budgetingMethod, timeSliceTarget,
                timeSliceMinutes == null ? null : Duration.ofMinutes(timeSliceMinutes), minimumEvents, rules);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String name() {
        return name;
    }

    public String displayName() {
        return displayName;
    }

    public Indicator indicator() {
        return indicator;
    }

    public Integer latencyThresholdMillis() {
        return latencyThresholdMillis;
    }

    public boolean latencyThresholdStrict() {
        return latencyThresholdStrict;
    }

    public String openSloIndicator() {
        return openSloIndicator;
    }

    public boolean latencyGoodAbove() {
        return latencyGoodAbove;
    }

    /**
     * The bound roll-ups count requests within ({@link com.aiaops.telemetry.LatencyBound}); null: not latency. Good
     * below: the requests within are the good ones. Good above: the others are, so "&gt; t" counts within "≤ t" and
     * "≥ t" within "&lt; t".
     */
    public Integer latencyBound() {
        return latencyThresholdMillis == null ? null : boundKey(latencyThresholdMillis, latencyThresholdStrict, latencyGoodAbove);
    }

    static int boundKey(int thresholdMillis, boolean strict, boolean goodAbove) {
        return com.aiaops.telemetry.LatencyBound.key(thresholdMillis, goodAbove != strict);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public String openSloMetadata() {
        return openSloMetadata;
    }

    void keepOpenSloMetadata(String json) {
        this.openSloMetadata = json;
    }
}
