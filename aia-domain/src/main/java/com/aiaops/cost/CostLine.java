package com.aiaops.cost;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One FOCUS row as stored. Written in bulk by {@link CostLineWriter} (PostgreSQL COPY, or JDBC batches), read with
 * JPQL for breakdowns and budgets; {@link #COLUMNS} is the one list both agree on.
 */
@Entity
@Table(name = "cost_line", indexes = @Index(name = "cost_line_org_period", columnList = "organization_id, charge_period_start"))
public class CostLine {
    static final String[] COLUMNS = {"id", "organization_id", "import_id", "service_id", "customer", "billed_cost", "effective_cost",
            "list_cost", "contracted_cost", "pricing_quantity", "pricing_unit", "billing_account_id", "billing_account_name",
            "billing_currency", "billing_period_start", "billing_period_end", "charge_category", "charge_class", "charge_description",
            "charge_period_start", "charge_period_end", "invoice_issuer_name", "provider_name", "publisher_name", "service_category",
            "service_name", "resource_id", "resource_name", "region_id", "sub_account_id", "tags"};

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "import_id", nullable = false)
    private UUID importId;

    @Column(name = "service_id")
    private UUID serviceId;

    @Column(length = 200)
    private String customer;

    @Column(name = "billed_cost", nullable = false, precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal billedCost;

    @Column(name = "effective_cost", nullable = false, precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal effectiveCost;

    @Column(name = "list_cost", precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal listCost;

    @Column(name = "contracted_cost", precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal contractedCost;

    @Column(name = "pricing_quantity", precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal pricingQuantity;

    @Column(name = "pricing_unit", length = 64)
    private String pricingUnit;

    @Column(name = "billing_account_id", length = 200)
    private String billingAccountId;

    @Column(name = "billing_account_name", length = 200)
    private String billingAccountName;

    @Column(name = "billing_currency", nullable = false, length = 3)
    private String billingCurrency;

    @Column(name = "billing_period_start", nullable = false)
    private Instant billingPeriodStart;

    @Column(name = "billing_period_end", nullable = false)
    private Instant billingPeriodEnd;

    @Column(name = "charge_category", nullable = false, length = 16)
    private String chargeCategory;

    @Column(name = "charge_class", length = 16)
    private String chargeClass;

    @Column(name = "charge_description", length = 1000)
    private String chargeDescription;

    @Column(name = "charge_period_start", nullable = false)
    private Instant chargePeriodStart;

    @Column(name = "charge_period_end", nullable = false)
    private Instant chargePeriodEnd;

    @Column(name = "invoice_issuer_name", length = 200)
    private String invoiceIssuerName;

    @Column(name = "provider_name", length = 200)
    private String providerName;

    @Column(name = "publisher_name", length = 200)
    private String publisherName;

    @Column(name = "service_category", length = 32)
    private String serviceCategory;

    @Column(name = "service_name", length = 200)
    private String serviceName;

    @Column(name = "resource_id", length = 500)
    private String resourceId;

    @Column(name = "resource_name", length = 500)
    private String resourceName;

    @Column(name = "region_id", length = 64)
    private String regionId;

    @Column(name = "sub_account_id", length = 200)
    private String subAccountId;

    @Column(length = 4000)
    private String tags;

    protected CostLine() {
    }

    public UUID serviceId() {
        return serviceId;
    }

    public BigDecimal effectiveCost() {
        return effectiveCost;
    }

    public Instant chargePeriodStart() {
        return chargePeriodStart;
    }
}
