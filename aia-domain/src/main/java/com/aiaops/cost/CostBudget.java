package com.aiaops.cost;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/**
 * A monthly budget of EffectiveCost for the organisation, one service or one FOCUS service category, and the
 * channels told when a month's forecast leaves the ±10 % band upwards or its spend passes the budget.
 */
@Entity
@Table(name = "cost_budget")
public class CostBudget implements KeptSet.Member {
    public enum Scope { ORGANIZATION, SERVICE, CATEGORY }

    /** What has been said about a month already, so each alert is sent once per month. */
    public enum Alerted { NONE, FORECAST_OVER, EXCEEDED }

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Scope scope;

    @Column(name = "service_id")
    private UUID serviceId;

    @Column(name = "service_category", length = 32)
    private String serviceCategory;

    @Column(name = "monthly_amount", nullable = false, precision = 24, scale = 8)
    private BigDecimal monthlyAmount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "channel_ids", nullable = false, length = 2000)
    private String channelIds;

    @Column(name = "alerted_month", length = 7)
    private String alertedMonth;

    @Enumerated(EnumType.STRING)
    @Column(name = "alerted_level", length = 16)
    private Alerted alertedLevel;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CostBudget() {
    }

    CostBudget(UUID organizationId, String name, Scope scope, UUID serviceId, String serviceCategory, BigDecimal monthlyAmount,
               String currency, List<UUID> channels, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = name;
        this.scope = scope;
        this.serviceId = serviceId;
        this.serviceCategory = serviceCategory;
        this.monthlyAmount = monthlyAmount;
        this.currency = currency;
        this.channelIds = channels.stream().map(UUID::toString).collect(Collectors.joining(","));
        this.createdAt = createdAt;
    }

    /** Whether this level is news for the month (a higher level than what was already said). */
    boolean shouldAlert(String month, Alerted level) {
        Alerted said = month.equals(alertedMonth) && alertedLevel != null ? alertedLevel : Alerted.NONE;
        return level.ordinal() > said.ordinal();
    }

    void alerted(String month, Alerted level) {
        alertedMonth = month;
        alertedLevel = level;
    }

    public List<UUID> channels() {
        return channelIds.isEmpty() ? List.of() : Arrays.stream(channelIds.split(",")).map(UUID::fromString).toList();
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String serviceCategory() {
        return serviceCategory;
    }

    public BigDecimal monthlyAmount() {
        return monthlyAmount;
    }

    public String currency() {
        return currency;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
