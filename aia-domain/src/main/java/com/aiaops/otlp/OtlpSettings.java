package com.aiaops.otlp;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How an organisation's OTLP data is read: whether CONSUMER spans count as requests beside SERVER spans, whether an
 * unknown {@code service.name} registers a service, and the failure rule, with exceptions per service.
 */
@Entity
@Table(name = "otlp_settings")
public class OtlpSettings {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(name = "consumer_spans", nullable = false)
    private boolean consumerSpans;

    @Column(name = "auto_register", nullable = false)
    private boolean autoRegister;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_rule", nullable = false, length = 32)
    private FailureRule failureRule;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "otlp_service_failure_rule", joinColumns = @JoinColumn(name = "organization_id"))
    @MapKeyColumn(name = "service_id")
    @Enumerated(EnumType.STRING)
    @Column(name = "failure_rule", nullable = false, length = 32)
    private Map<UUID, FailureRule> serviceRules = new HashMap<>();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected OtlpSettings() {
    }

    /** What an organisation that never changed anything gets. */
    public static OtlpSettings defaults(UUID organizationId) {
        OtlpSettings settings = new OtlpSettings();
        settings.organizationId = organizationId;
        settings.failureRule = FailureRule.SERVER_ERROR_OR_ERROR_STATUS;
        settings.updatedAt = Instant.EPOCH;
        return settings;
    }

    void change(boolean newConsumerSpans, boolean newAutoRegister, FailureRule newRule, Map<UUID, FailureRule> newServiceRules,
                Instant at) {
        consumerSpans = newConsumerSpans;
        autoRegister = newAutoRegister;
        failureRule = newRule;
        serviceRules.clear();
        serviceRules.putAll(newServiceRules);
        updatedAt = at;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public FailureRule ruleFor(UUID serviceId) {
        return serviceRules.getOrDefault(serviceId, failureRule);
    }

    public boolean consumerSpans() {
        return consumerSpans;
    }

    public boolean autoRegister() {
        return autoRegister;
    }

    public FailureRule failureRule() {
        return failureRule;
    }

    public Map<UUID, FailureRule> serviceRules() {
        return Map.copyOf(serviceRules);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** 0 while the organisation has the defaults; then 1, 2, … with each change (the API's optimistic version). */
    public long revision() {
        return updatedAt.equals(Instant.EPOCH) ? 0 : version + 1;
    }
}
