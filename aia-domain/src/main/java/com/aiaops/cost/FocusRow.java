package com.aiaops.cost;

import java.math.BigDecimal;
import java.time.Instant;

/** One validated FOCUS row, with the service and customer the mapping found for it (null: none). */
public record FocusRow(BigDecimal billedCost, BigDecimal effectiveCost, BigDecimal listCost, BigDecimal contractedCost,
                       BigDecimal pricingQuantity, String pricingUnit, String billingAccountId, String billingAccountName,
                       String billingCurrency, Instant billingPeriodStart, Instant billingPeriodEnd, String chargeCategory,
                       String chargeClass, String chargeDescription, Instant chargePeriodStart, Instant chargePeriodEnd,
                       String invoiceIssuerName, String providerName, String publisherName, String serviceCategory, String serviceName,
                       String resourceId, String resourceName, String regionId, String subAccountId, String tags,
                       java.util.UUID mappedServiceId, String customer) {
}
