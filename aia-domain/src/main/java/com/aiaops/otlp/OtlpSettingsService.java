package com.aiaops.otlp;

import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.InvalidRequestException.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reads and changes an organisation's OTLP settings; an organisation that never set them has the defaults. */
@ApplicationScoped
public class OtlpSettingsService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public OtlpSettings settings(UUID organizationId) {
        OtlpSettings settings = em.find(OtlpSettings.class, organizationId);
        return settings != null ? settings : OtlpSettings.defaults(organizationId);
    }

    /** The per-service rules by service slug, as the API shows them. */
    @Transactional
    public Map<String, FailureRule> serviceRulesBySlug(OtlpSettings settings) {
        Map<String, FailureRule> bySlug = new TreeMap<>();
        settings.serviceRules().forEach((id, rule) ->
                services.find(settings.organizationId(), id).ifPresent(s -> bySlug.put(s.slug(), rule)));
        return bySlug;
    }

    /** Replaces the settings, only if nobody changed them since {@code expectedVersion} (0 for never set). */
    @Transactional
    public OtlpSettings change(Caller caller, long expectedVersion, boolean consumerSpans, boolean autoRegister, FailureRule rule,
                               Map<String, FailureRule> rulesBySlug) {
        Map<UUID, FailureRule> byService = new LinkedHashMap<>();
        rulesBySlug.forEach((slug, serviceRule) -> {
            Service service = services.findBySlug(caller.organizationId(), slug).orElseThrow(() -> new InvalidRequestException(
                    "validation-failed", "Unknown service in serviceFailureRules", java.util.List.of(
                    new Violation("serviceFailureRules." + slug, "no service with this slug"))));
            byService.put(service.id(), serviceRule);
        });
        OtlpSettings settings = em.find(OtlpSettings.class, caller.organizationId());
        long current = settings == null ? 0 : settings.revision();
        if (current != expectedVersion) {
            throw new ConflictException("version-mismatch", "The OTLP settings changed since version " + expectedVersion
                    + " was read (now " + current + "); read them again");
        }
        Map<String, Object> before = settings == null ? null : snapshot(settings);
        if (settings == null) {
            settings = OtlpSettings.defaults(caller.organizationId());
            settings.change(consumerSpans, autoRegister, rule, byService, clock.instant());
            em.persist(settings);
        } else {
            settings.change(consumerSpans, autoRegister, rule, byService, clock.instant());
        }
        audit.record(caller, "otlp.settings.changed", "otlp-settings", caller.organizationId(), before, snapshot(settings));
        return settings;
    }

    private static Map<String, Object> snapshot(OtlpSettings settings) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("consumerSpans", settings.consumerSpans());
        snapshot.put("autoRegister", settings.autoRegister());
        snapshot.put("failureRule", settings.failureRule().name());
        Map<String, String> rules = new TreeMap<>();
        settings.serviceRules().forEach((id, r) -> rules.put(id.toString(), r.name()));
        snapshot.put("serviceFailureRules", rules);
        return snapshot;
    }
}
