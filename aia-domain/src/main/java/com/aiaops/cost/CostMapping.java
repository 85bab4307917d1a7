package com.aiaops.cost;

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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An organisation's rule for allocating cost rows to services, and its customer tag (default: tag "service", tag "customer"). */
@Entity
@Table(name = "cost_mapping")
public class CostMapping {
    public enum Kind { TAG, SERVICE_NAME, RESOURCE_ID }

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(name = "tag_key", length = 100)
    private String tagKey;

    @Column(name = "customer_tag_key", length = 100)
    private String customerTagKey;

    /** For RESOURCE_ID: which service each resource belongs to. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cost_mapping_resource", joinColumns = @JoinColumn(name = "organization_id"))
    @MapKeyColumn(name = "resource_id", length = 500)
    @Column(name = "service_id")
    private Map<String, UUID> resources = new HashMap<>();

    protected CostMapping() {
    }

    public CostMapping(UUID organizationId, Kind kind, String tagKey, String customerTagKey, Map<String, UUID> resources) {
        this.organizationId = organizationId;
        set(kind, tagKey, customerTagKey, resources);
    }

    public static CostMapping defaults(UUID organizationId) {
        return new CostMapping(organizationId, Kind.TAG, "service", "customer", Map.of());
    }

    void set(Kind newKind, String newTagKey, String newCustomerTagKey, Map<String, UUID> newResources) {
        kind = newKind;
        tagKey = newTagKey;
        customerTagKey = newCustomerTagKey;
        resources = new HashMap<>(newResources);
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Kind kind() {
        return kind;
    }

    public String tagKey() {
        return tagKey;
    }

    public String customerTagKey() {
        return customerTagKey;
    }

    public Map<String, UUID> resources() {
        return Map.copyOf(resources);
    }
}
