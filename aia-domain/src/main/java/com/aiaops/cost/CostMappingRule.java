package com.aiaops.cost;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How a cost row finds its service: by a tag whose value is the service's slug (TAG), by the FOCUS ServiceName
 * being the service's slug or name (SERVICE_NAME), or by the row's ResourceId listed for a service (RESOURCE_ID).
 * The customer of a row is the value of the customer tag. Rows that match nothing stay unallocated.
 */
public record CostMappingRule(CostMapping.Kind kind, String tagKey, String customerTagKey, Map<String, UUID> servicesByName,
                              Map<String, UUID> servicesByResource) {

    FocusRow apply(FocusRow row, JsonObject tags) {
        UUID service = switch (kind) {
            case TAG -> servicesByName.get(lower(tag(tags, tagKey)));
            case SERVICE_NAME -> servicesByName.get(lower(row.serviceName()));
            case RESOURCE_ID -> row.resourceId() == null ? null : servicesByResource.get(row.resourceId());
        };
        String customer = tag(tags, customerTagKey);
        return new FocusRow(row.billedCost(), row.effectiveCost(), row.listCost(), row.contractedCost(), row.pricingQuantity(),
                row.pricingUnit(), row.billingAccountId(), row.billingAccountName(), row.billingCurrency(), row.billingPeriodStart(),
                row.billingPeriodEnd(), row.chargeCategory(), row.chargeClass(), row.chargeDescription(), row.chargePeriodStart(),
                row.chargePeriodEnd(), row.invoiceIssuerName(), row.providerName(), row.publisherName(), row.serviceCategory(),
                row.serviceName(), row.resourceId(), row.resourceName(), row.regionId(), row.subAccountId(), row.tags(), service,
                customer == null || customer.length() > 200 ? null : customer);
    }

    private static String tag(JsonObject tags, String key) {
        if (tags == null || key == null) {
            return null;
        }
        JsonValue value = tags.get(key);
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
