package com.aiaops.cost;

import com.aiaops.shared.JsonValues;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * The FOCUS columns this platform reads (versions 1.0 to 1.2 name them alike), and the checks of one row. Only the
 * columns the platform cannot work without must be in the header: the two costs it sums, the charge category and the
 * charge and billing periods, and the currency (a column, or one currency given for a file without it). Every other
 * FOCUS column is kept when present and left empty when absent, as FOCUS's own example files (which carry only the
 * columns their scenario needs) require. A field holding the literal text {@code null} or {@code NULL}, as those
 * examples and some exports write it, is empty. Date-times are read as providers write them: ISO-8601 with an offset
 * or Z, with or without fractions, a space instead of the T, a trailing " UTC", or no zone at all (UTC, as FOCUS
 * requires of every date-time). Provider extension columns ({@code x_…}) are kept among the row's tags. The version
 * (1.0, 1.1, 1.2) is told from the columns a file carries. Each row's costs are decimals, its periods ISO-8601 instants with the end after the start, its
 * charge category, class and service category from FOCUS's allowed values, its currency an ISO 4217 code, its Tags a
 * JSON object. Each problem is reported with the row number (the header is row 1) and the column.
 */
public final class FocusFormat {
    /** Without these a row cannot be summed or placed in time. */
    public static final List<String> REQUIRED = List.of("BilledCost", "EffectiveCost", "ChargeCategory", "ChargePeriodStart",
            "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd");
    /** The currency column: required unless the import names one currency for the whole file. */
    public static final String CURRENCY = "BillingCurrency";
    /** The other columns FOCUS 1.0-1.2 make mandatory; kept when present, reported when absent. */
    public static final List<String> FOCUS_MANDATORY = List.of("ListCost", "ContractedCost", "PricingQuantity", "PricingUnit",
            "BillingAccountId", "BillingAccountName", "ChargeClass", "ChargeDescription", "InvoiceIssuerName", "ProviderName",
            "PublisherName", "ServiceCategory", "ServiceName");
    /** Columns FOCUS added in 1.1 and 1.2: a file carrying one is of that version at least. */
    private static final List<String> SINCE_1_2 = List.of("InvoiceId", "PricingCurrency", "BillingAccountType", "SubAccountType",
            "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice");
    private static final List<String> SINCE_1_1 = List.of("ServiceSubcategory", "CommitmentDiscountQuantity", "CommitmentDiscountUnit",
            "CapacityReservationId", "CapacityReservationStatus", "SkuMeter", "SkuPriceDetails");
    /** FOCUS 1.3 names the provider of the service so; older files call it ProviderName. */
    static final String SERVICE_PROVIDER = "ServiceProviderName";
    /** The prefix FOCUS reserves for a provider's own columns. */
    static final String EXTENSION_PREFIX = "x_";

    /** The FOCUS version whose columns a header carries: 1.2, 1.1 or 1.0 (the oldest column set read). */
    public static String version(Map<String, Integer> header) {
        if (SINCE_1_2.stream().anyMatch(header::containsKey)) {
            return "1.2";
        }
        return SINCE_1_1.stream().anyMatch(header::containsKey) ? "1.1" : "1.0";
    }

    /** The provider extension columns of a header, kept as tags. */
    public static List<String> extensionColumns(Map<String, Integer> header) {
        return header.keySet().stream().filter(c -> c.startsWith(EXTENSION_PREFIX) && c.length() > EXTENSION_PREFIX.length()).toList();
    }

    /** The optional columns read. */
    public static final List<String> OPTIONAL = List.of("ResourceId", "ResourceName", "RegionId", "SubAccountId", "Tags");
    static final Set<String> CHARGE_CATEGORIES = Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
    static final Set<String> SERVICE_CATEGORIES = Set.of("AI and Machine Learning", "Analytics", "Business Applications", "Compute",
            "Databases", "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance",
            "Media", "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other");

    /** One reader factory for all rows: looking the JSON provider up per row would cost more than the parse. */
    private static final JsonReaderFactory JSON = JsonValues.PROVIDER.createReaderFactory(Map.of());
    /** Exports repeat the same few period boundaries on every row: each is parsed once per import. */
    private final Map<String, Instant> instants = new java.util.HashMap<>();
    /** And the same few tag sets: each is parsed once per import. */
    private final Map<String, JsonValue> tagSets = new java.util.HashMap<>();

    /** Whether the file is a US spreadsheet's: dates written M/d/yy, amounts with $ and thousands separators. */
    private final boolean usSpreadsheet;

    /** A reader for one file (it remembers the instants it has parsed). */
    public FocusFormat() {
        this(false);
    }

    /** A reader for one file, written by a US spreadsheet when {@code usSpreadsheet} (the caller says so; never guessed). */
    public FocusFormat(boolean usSpreadsheet) {
        this.usSpreadsheet = usSpreadsheet;
    }

    public record RowError(long row, String column, String message) {
    }

    /** The columns a header lacks that an import cannot do without; the currency only when no default is given. */
    public static List<String> missingColumns(Map<String, Integer> header, boolean currencyGiven) {
        List<String> missing = new ArrayList<>(REQUIRED.stream().filter(c -> !header.containsKey(c)).toList());
        if (!currencyGiven && !header.containsKey(CURRENCY)) {
            missing.add(CURRENCY);
        }
        return missing;
    }

    /** FOCUS's mandatory columns the header lacks: the file imports, and the answer says what it did not carry. */
    public static List<String> absentColumns(Map<String, Integer> header) {
        return java.util.stream.Stream.concat(FOCUS_MANDATORY.stream(), java.util.stream.Stream.of(CURRENCY))
                .filter(c -> !header.containsKey(c)).toList();
    }

    /** Decimals kept of an amount or quantity: providers export up to 11 (AWS writes 0.00000080000). */
    public static final int AMOUNT_SCALE = 12;

    /** ServiceCategory values outside FOCUS's list that rows carried, kept as written, with how many rows: said in the answer. */
    private final Map<String, Long> unlistedServiceCategories = new java.util.TreeMap<>();

    public Map<String, Long> unlistedServiceCategories() {
        return java.util.Collections.unmodifiableMap(unlistedServiceCategories);
    }

    /** Reads one record; problems go to {@code errors} and the row is null. */
    public FocusRow read(CSVRecord record, long row, boolean hasOptional, String defaultCurrency, List<String> extensions,
                         CostMappingRule mapping, List<RowError> errors) {
        Reader r = new Reader(record, row, errors, instants, usSpreadsheet);
        BigDecimal billed = r.decimal("BilledCost", true);
        BigDecimal effective = r.decimal("EffectiveCost", true);
        BigDecimal list = r.decimal("ListCost", false);
        BigDecimal contracted = r.decimal("ContractedCost", false);
        BigDecimal quantity = r.decimal("PricingQuantity", false);
        String currency = r.text(CURRENCY, defaultCurrency == null, 3);
        if (currency == null && defaultCurrency != null) {
            currency = defaultCurrency;
        }
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
        String serviceCategory = r.text("ServiceCategory", false, 32);
        if (serviceCategory != null && !SERVICE_CATEGORIES.contains(serviceCategory)) {
            // Not wrong for a cost (the FOCUS specification's own SaaS examples write "Database"): kept as written, said.
            unlistedServiceCategories.merge(serviceCategory, 1L, Long::sum);
        }
        String serviceName = r.text("ServiceName", false, 200);
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
        if (!extensions.isEmpty() && !r.failed) {
            jakarta.json.JsonObjectBuilder merged = tagObject == null ? JsonValues.PROVIDER.createObjectBuilder() : JsonValues.PROVIDER.createObjectBuilder(tagObject);
            boolean any = false;
            for (String column : extensions) {
                String extension = r.raw(column);
                if (extension != null) {
                    merged.add(column, extension);
                    any = true;
                }
            }
            if (any) {
                JsonObject withExtensions = merged.build();
                String text = withExtensions.toString();
                if (text.length() <= 4000) { // the tags column's size: past it, the file's own tags are kept as they are
                    tagObject = withExtensions;
                    tags = text;
                }
            }
        }
        String provider = r.text("ProviderName", false, 200);
        if (provider == null) {
            provider = r.text(SERVICE_PROVIDER, false, 200);
        }
        FocusRow parsed = new FocusRow(billed, effective, list, contracted, quantity, r.text("PricingUnit", false, 64),
                r.text("BillingAccountId", false, 200), r.text("BillingAccountName", false, 200), currency, billingStart, billingEnd,
                category, chargeClass, r.text("ChargeDescription", false, 1000), chargeStart, chargeEnd,
                r.text("InvoiceIssuerName", false, 200), provider, r.text("PublisherName", false, 200),
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
        private final boolean usSpreadsheet;
        boolean failed;

        Reader(CSVRecord record, long row, List<RowError> errors, Map<String, Instant> instants, boolean usSpreadsheet) {
            this.record = record;
            this.row = row;
            this.errors = errors;
            this.instants = instants;
            this.usSpreadsheet = usSpreadsheet;
        }

        void error(String column, String message) {
            failed = true;
            errors.add(new RowError(row, column, message));
        }

        /** The field, or null when the column is absent, the field empty or the literal {@code null}. */
        String raw(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = record.get(column);
            return value.isEmpty() || value.equalsIgnoreCase("null") ? null : value;
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
            if (value != null) {
                value = value.strip();
                if (usSpreadsheet) { // "$10,000.00 ", "-$5.00", "($5.00)" as a US spreadsheet formats amounts
                    boolean negative = value.startsWith("(") && value.endsWith(")");
                    value = (negative ? "-" : "") + value.replaceAll("[$,()\\s]", "");
                    value = value.startsWith("--") ? value.substring(1) : value;
                }
            }
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
                // Kept to the column's 12 decimals here, so that what the import answers is what is stored.
                return number.scale() > AMOUNT_SCALE ? number.setScale(AMOUNT_SCALE, java.math.RoundingMode.HALF_EVEN) : number;
            } catch (NumberFormatException e) {
                error(column, !usSpreadsheet && value.matches(".*[$€£¥,].*") ? "is not a decimal number (currency symbols and thousands "
                        + "separators are a spreadsheet's formatting; FOCUS writes 10000.00; a US spreadsheet's file imports with "
                        + "spreadsheet=en-US)" : "is not a decimal number");
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
            if (usSpreadsheet && value.matches("\\d{1,2}/\\d{1,2}/\\d{2}(\\d{2})?( \\d{1,2}:\\d{2}(:\\d{2})?)?")) {
                try { // month first, a two-digit year in this century, midnight UTC unless a time is given
                    return LocalDateTime.parse(value.contains(" ") ? value : value + " 0:00", java.time.format.DateTimeFormatter
                            .ofPattern("M/d/[uuuu][uu] H:mm[:ss]")).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    error(column, "is not a date M/d/yy (as a US spreadsheet writes it)");
                    return null;
                }
            }
            String iso = value;
            if (iso.endsWith(" UTC")) {
                iso = iso.substring(0, iso.length() - 4) + "Z";
            }
            if (iso.length() > 10 && iso.charAt(10) == ' ') {
                iso = iso.substring(0, 10) + "T" + iso.substring(11);
            }
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return iso.length() > 10 ? LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC)
                            : LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException again) {
                    error(column, "is not an ISO-8601 date-time such as 2026-10-01T00:00:00Z" + (value.matches("\\d{1,2}/\\d{1,2}/\\d{2,4}.*")
                            ? " (" + value + " is a spreadsheet's date, whose day and month cannot be told apart: a US spreadsheet's "
                            + "file imports with spreadsheet=en-US)" : ""));
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
