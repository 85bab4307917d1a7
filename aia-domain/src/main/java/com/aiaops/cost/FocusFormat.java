package com.aiaops.cost;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * The FOCUS 1.2 columns this platform reads, and the checks of one row: the mandatory columns must all be in the
 * header; each row's costs are decimals, its periods ISO-8601 instants with the end after the start, its charge
 * category, class and service category from FOCUS's allowed values, its currency an ISO 4217 code, its Tags a
 * JSON object. Each problem is reported with the row number (the header is row 1) and the column.
 */
public final class FocusFormat {
    public static final List<String> MANDATORY = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity",
            "PricingUnit", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodStart", "ChargePeriodEnd", "InvoiceIssuerName",
            "ProviderName", "PublisherName", "ServiceCategory", "ServiceName");
    public static final List<String> OPTIONAL = List.of("ResourceId", "ResourceName", "RegionId", "SubAccountId", "Tags");
    static final Set<String> CHARGE_CATEGORIES = Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
    static final Set<String> SERVICE_CATEGORIES = Set.of("AI and Machine Learning", "Analytics", "Business Applications", "Compute",
            "Databases", "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance",
            "Media", "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other");

    /** One reader factory for all rows: looking the JSON provider up per row would cost more than the parse. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());
    /** Exports repeat the same few period boundaries on every row: each is parsed once per import. */
    private final Map<String, Instant> instants = new java.util.HashMap<>();
    /** And the same few tag sets: each is parsed once per import. */
    private final Map<String, JsonValue> tagSets = new java.util.HashMap<>();

    /** A reader for one file (it remembers the instants it has parsed). */
    public FocusFormat() {
    }

    public record RowError(long row, String column, String message) {
    }

    /** The mandatory columns a header lacks. */
    public static List<String> missingColumns(Map<String, Integer> header) {
        return MANDATORY.stream().filter(c -> !header.containsKey(c)).toList();
    }

    /** Reads one record; problems go to {@code errors} and the row is null. */
    public FocusRow read(CSVRecord record, long row, boolean hasOptional, CostMappingRule mapping, List<RowError> errors) {
        Reader r = new Reader(record, row, errors, instants);
        BigDecimal billed = r.decimal("BilledCost", true);
        BigDecimal effective = r.decimal("EffectiveCost", true);
        BigDecimal list = r.decimal("ListCost", true);
        BigDecimal contracted = r.decimal("ContractedCost", true);
        BigDecimal quantity = r.decimal("PricingQuantity", false);
        String currency = r.text("BillingCurrency", true, 3);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            r.error("BillingCurrency", "must be an ISO 4217 code such as USD");
        }
        Instant billingStart = r.instant("BillingPeriodStart");
        Instant billingEnd = r.instant("BillingPeriodEnd");
        Instant chargeStart = r.instant("ChargePeriodStart");
        Instant chargeEnd = r.instant("ChargePeriodEnd");
        if (billingStart != null && billingEnd != null && !billingEnd.isAfter(billingStart)) {
            r.error("BillingPeriodEnd", "must be after BillingPeriodStart");
        }
        if (chargeStart != null && chargeEnd != null && !chargeEnd.isAfter(chargeStart)) {
            r.error("ChargePeriodEnd", "must be after ChargePeriodStart (the end is exclusive)");
        }
        String category = r.text("ChargeCategory", true, 16);
        if (category != null && !CHARGE_CATEGORIES.contains(category)) {
            r.error("ChargeCategory", "must be one of Usage, Purchase, Tax, Credit, Adjustment");
        }
        String chargeClass = r.text("ChargeClass", false, 16);
        if (chargeClass != null && !chargeClass.equals("Correction")) {
            r.error("ChargeClass", "must be Correction or empty");
        }
        String serviceCategory = r.text("ServiceCategory", true, 32);
        if (serviceCategory != null && !SERVICE_CATEGORIES.contains(serviceCategory)) {
            r.error("ServiceCategory", "is not a FOCUS service category (e.g. Compute, Databases, Storage, Other)");
        }
        String serviceName = r.text("ServiceName", true, 200);
        String resourceId = hasOptional ? r.optional("ResourceId", 500) : null;
        String tags = hasOptional ? r.optional("Tags", 4000) : null;
        JsonObject tagObject = null;
        if (tags != null) {
            JsonValue value = tagSets.get(tags);
            if (value == null) {
                try (JsonReader json = JSON.createReader(new StringReader(tags))) {
                    value = json.readValue();
                } catch (JsonException e) {
                    value = JsonValue.NULL; // remembered as "not JSON"
                }
                if (tagSets.size() < 10_000) {
                    tagSets.put(tags, value);
                }
            }
            if (value == JsonValue.NULL) {
                r.error("Tags", "is not valid JSON");
            } else if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                r.error("Tags", "must be a JSON object");
            } else {
                tagObject = value.asJsonObject();
            }
        }
        FocusRow parsed = new FocusRow(billed, effective, list, contracted, quantity, r.text("PricingUnit", false, 64),
                r.text("BillingAccountId", true, 200), r.text("BillingAccountName", false, 200), currency, billingStart, billingEnd,
                category, chargeClass, r.text("ChargeDescription", false, 1000), chargeStart, chargeEnd,
                r.text("InvoiceIssuerName", true, 200), r.text("ProviderName", true, 200), r.text("PublisherName", true, 200),
                serviceCategory, serviceName, resourceId, hasOptional ? r.optional("ResourceName", 500) : null,
                hasOptional ? r.optional("RegionId", 64) : null, hasOptional ? r.optional("SubAccountId", 200) : null, tags,
                null, null);
        if (r.failed) {
            return null;
        }
        return mapping.apply(parsed, tagObject);
    }

    /** Reads the columns of one record, noting each problem. */
    private static final class Reader {
        private final CSVRecord record;
        private final long row;
        private final List<RowError> errors;
        private final Map<String, Instant> instants;
        boolean failed;

        Reader(CSVRecord record, long row, List<RowError> errors, Map<String, Instant> instants) {
            this.record = record;
            this.row = row;
            this.errors = errors;
            this.instants = instants;
        }

        void error(String column, String message) {
            failed = true;
            errors.add(new RowError(row, column, message));
        }

        String raw(String column) {
            return record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
        }

        String text(String column, boolean required, int max) {
            String value = raw(column);
            if (value == null || value.isEmpty()) {
                if (required) {
                    error(column, "is required");
                }
                return null;
            }
            if (value.length() > max) {
                error(column, "is longer than " + max + " characters");
                return null;
            }
            return value;
        }

        String optional(String column, int max) {
            return text(column, false, max);
        }

        BigDecimal decimal(String column, boolean required) {
            String value = raw(column);
            if (value == null || value.isEmpty()) {
                if (required) {
                    error(column, "is required");
                }
                return null;
            }
            try {
                BigDecimal number = new BigDecimal(value);
                if (number.abs().compareTo(new BigDecimal("1e15")) >= 0) {
                    error(column, "is out of range");
                    return null;
                }
                return number;
            } catch (NumberFormatException e) {
                error(column, "is not a decimal number");
                return null;
            }
        }

        Instant instant(String column) {
            String value = raw(column);
            if (value == null || value.isEmpty()) {
                error(column, "is required");
                return null;
            }
            Instant known = instants.get(value);
            if (known != null) {
                return known;
            }
            Instant parsed = parse(column, value);
            if (parsed != null && instants.size() < 100_000) {
                instants.put(value, parsed);
            }
            return parsed;
        }

        private Instant parse(String column, String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException again) {
                    error(column, "is not an ISO-8601 date-time such as 2026-10-01T00:00:00Z");
                    return null;
                }
            }
        }
    }

    /** Errors kept per import: enough to fix a file, not a copy of a broken one. */
    static final int MAX_ERRORS = 100;

    static List<RowError> newErrorList() {
        return new ArrayList<>();
    }
}
