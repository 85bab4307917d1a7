package com.aiaops.cost;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import jakarta.transaction.Transactional;

/**
 * FOCUS cost files taken in (streamed, every row checked, all or nothing, recognised when sent again) and the rule
 * that allocates their rows to services and customers.
 */
@ApplicationScoped
public class FocusImports {
    /** RFC 4180, with blank lines between rows skipped (FOCUS's own example files have them). */
    private static final CSVFormat FOCUS_CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).build();

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Inject
    ServiceRepository services;

    @Inject
    CostBudgets budgets;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * What an import did. {@code focusVersion}: the FOCUS version whose columns the file carries; {@code absentColumns}: FOCUS's mandatory columns the file did not carry (kept empty);
     * {@code currencyGiven}: the currency every row was taken in, when the file has no BillingCurrency column;
     * {@code unlistedServiceCategories}: ServiceCategory values FOCUS does not list, kept as written, with their rows.
     * They are said in the answer to the import only.
     */
    public record ImportResult(UUID id, String digest, boolean duplicate, long rows, long unallocatedRows, BigDecimal effectiveCost,
                               Instant firstChargeAt, Instant lastChargeAt, Instant importedAt, String focusVersion,
                               List<String> absentColumns, String currencyGiven, Map<String, Long> unlistedServiceCategories) {
        public static ImportResult of(CostImport i, boolean duplicate) {
            return new ImportResult(i.id(), i.digest(), duplicate, i.rows(), i.unallocatedRows(), i.effectiveCost(), i.firstChargeAt(),
                    i.lastChargeAt(), i.importedAt(), null, List.of(), null, Map.of());
        }
    }

    /** The parser positioned after the header; a header the parser cannot use (an empty or repeated name) is the file's fault. */
    private static CSVParser header(java.io.Reader text) throws IOException {
        try {
            return FOCUS_CSV.parse(text);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage() == null || e.getMessage().length() <= 200 ? e.getMessage() : e.getMessage().substring(0, 200) + "…";
            throw new InvalidRequestException("invalid-cost-file", "The header is not usable: " + reason,
                    List.of(new InvalidRequestException.Violation("header", reason)));
        }
    }

    /**
     * Imports a FOCUS CSV file, streamed: every row is checked and written as it is read; if any row is wrong,
     * nothing is kept and the errors (up to 100) name row and column. A file imported before (same SHA-256) is
     * recognised at its end and rolled back: {@link DuplicateImport} carries the earlier import. {@code currency}
     * (ISO 4217, or null) is the currency of a file without a BillingCurrency column; a row's own currency wins.
     */
    @Transactional
    public ImportResult importFocus(Caller caller, InputStream body, String currency) {
        return importFocus(caller, body, currency, false);
    }

    /** As above; {@code usSpreadsheet}: the file was written by a US spreadsheet (M/d/yy dates, $1,000.00 amounts). */
    @Transactional
    public ImportResult importFocus(Caller caller, InputStream body, String currency, boolean usSpreadsheet) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        DigestInputStream digesting = new DigestInputStream(body, sha256);
        CostMappingRule rule = rule(caller.organizationId());
        UUID importId = Ids.newId();
        List<FocusFormat.RowError> errors = FocusFormat.newErrorList();
        long rows = 0;
        long unallocated = 0;
        BigDecimal total = BigDecimal.ZERO;
        Instant first = null;
        Instant last = null;
        List<String> absent;
        String version;
        Map<String, Long> unlistedCategories;
        try (CSVParser parser = header(new BufferedReader(CsvText.of(digesting), 1 << 16));
             Connection connection = dataSource.getConnection()) {
            List<String> missing = FocusFormat.missingColumns(parser.getHeaderMap(), currency != null);
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("invalid-cost-file", "The header lacks FOCUS columns: " + String.join(", ", missing)
                        + (missing.contains(FocusFormat.CURRENCY) ? " (a file without BillingCurrency imports with currency=<ISO 4217 code>)" : ""),
                        missing.stream().map(c -> new InvalidRequestException.Violation("header", "missing column " + c)).toList());
            }
            absent = FocusFormat.absentColumns(parser.getHeaderMap());
            if (parser.getHeaderMap().containsKey("ServiceProviderName")) {
                absent = absent.stream().filter(c -> !c.equals("ProviderName")).toList();
            }
            version = FocusFormat.version(parser.getHeaderMap());
            List<String> extensions = FocusFormat.extensionColumns(parser.getHeaderMap());
            boolean optional = FocusFormat.OPTIONAL.stream().anyMatch(parser.getHeaderMap()::containsKey) || !extensions.isEmpty();
            FocusFormat format = new FocusFormat(usSpreadsheet);
            int columns = parser.getHeaderMap().size();
            try (CostLineWriter writer = CostLineWriter.on(connection)) {
                for (CSVRecord record : parser) {
                    long row = record.getRecordNumber() + 1; // the header is row 1
                    if (record.size() != columns) {
                        errors.add(new FocusFormat.RowError(row, "*", "has " + record.size() + " fields; the header has " + columns));
                    } else {
                        FocusRow parsed = format.read(record, row, optional, currency, extensions, rule, errors);
                        if (parsed != null && errors.isEmpty()) {
                            writer.write(Ids.newBulkId(), caller.organizationId(), importId, parsed);
                            rows++;
                            unallocated += parsed.mappedServiceId() == null ? 1 : 0;
                            total = total.add(parsed.effectiveCost());
                            first = first == null || parsed.chargePeriodStart().isBefore(first) ? parsed.chargePeriodStart() : first;
                            last = last == null || parsed.chargePeriodEnd().isAfter(last) ? parsed.chargePeriodEnd() : last;
                        }
                    }
                    if (errors.size() >= FocusFormat.MAX_ERRORS) {
                        break;
                    }
                }
                if (!errors.isEmpty()) {
                    writer.abort();
                    throw new InvalidRequestException("invalid-cost-file", errors.size() + (errors.size() >= FocusFormat.MAX_ERRORS ? "+" : "")
                            + " problem(s) in the file; nothing was imported", errors.stream()
                            .map(e -> new InvalidRequestException.Violation("row " + e.row() + ": " + e.column(), e.message())).toList());
                }
            }
            unlistedCategories = format.unlistedServiceCategories();
            digesting.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
        } catch (UncheckedIOException e) {
            // The parser reports an unreadable row (bad quoting, binary bytes) as an unchecked I/O error.
            throw new InvalidRequestException("invalid-cost-file", "The file is not well-formed CSV: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("invalid-cost-file", "The file could not be read: " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("Cost rows could not be written", e);
        }
        if (rows == 0) {
            throw new InvalidRequestException("invalid-cost-file", "The file has a header but no rows");
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        CostImport earlier = em.createQuery("select i from CostImport i where i.digest = :digest", CostImport.class)
                .setParameter("digest", digest).getResultStream().findFirst().orElse(null);
        if (earlier != null) {
            throw new DuplicateImport(earlier);
        }
        CostImport imported = new CostImport(importId, caller.organizationId(), digest, rows, unallocated, total, first, last, clock.instant());
        em.persist(imported);
        audit.record(caller, "cost.imported", "cost-import", importId, null,
                Map.of("digest", digest, "rows", rows, "effectiveCost", total.toPlainString()));
        budgets.evaluateBudgets(caller.organizationId(), YearMonth.from(first.atZone(ZoneOffset.UTC)), YearMonth.from(last.minusNanos(1).atZone(ZoneOffset.UTC)));
        ImportResult result = ImportResult.of(imported, false);
        return new ImportResult(result.id(), result.digest(), false, result.rows(), result.unallocatedRows(), result.effectiveCost(),
                result.firstChargeAt(), result.lastChargeAt(), result.importedAt(), version, absent,
                absent.contains(FocusFormat.CURRENCY) ? currency : null, unlistedCategories);
    }

    @Transactional
    public List<CostImport> imports(Caller caller) {
        return em.createQuery("select i from CostImport i order by i.importedAt desc", CostImport.class)
                .setMaxResults(200).getResultList();
    }

    // Mapping

    @Transactional
    public CostMapping mapping(Caller caller) {
        return mapping(caller.organizationId());
    }

    /** Sets the allocation rule for later imports. */
    @Transactional
    public CostMapping setMapping(Caller caller, CostMapping.Kind kind, String tagKey, String customerTagKey, Map<String, UUID> resources) {
        if (kind == CostMapping.Kind.TAG && (tagKey == null || tagKey.isBlank())) {
            throw InvalidRequestException.ofField("validation-failed", "tagKey", "a TAG mapping names the tag that holds the service slug");
        }
        for (UUID serviceId : resources.values()) {
            if (services.find(caller.organizationId(), serviceId).isEmpty()) {
                throw InvalidRequestException.ofField("validation-failed", "resources", "no such service: " + serviceId);
            }
        }
        CostMapping mapping = em.find(CostMapping.class, caller.organizationId());
        if (mapping == null) {
            mapping = new CostMapping(caller.organizationId(), kind, tagKey, customerTagKey, resources);
            em.persist(mapping);
        } else {
            mapping.set(kind, tagKey, customerTagKey, resources);
        }
        audit.record(caller, "cost.mapping-changed", "organization", caller.organizationId(), null,
                Map.of("kind", kind.name(), "resources", resources.size()));
        return mapping;
    }

    private CostMapping mapping(UUID organizationId) {
        CostMapping mapping = em.find(CostMapping.class, organizationId);
        return mapping == null ? CostMapping.defaults(organizationId) : mapping;
    }

    private CostMappingRule rule(UUID organizationId) {
        CostMapping mapping = mapping(organizationId);
        Map<String, UUID> byName = new HashMap<>();
        for (Service s : services.all(organizationId)) {
            byName.put(s.displayName().toLowerCase(Locale.ROOT), s.id());
            byName.put(s.slug().toLowerCase(Locale.ROOT), s.id()); // the slug wins over a display name that equals another's slug
        }
        return new CostMappingRule(mapping.kind(), mapping.tagKey(), mapping.customerTagKey(), byName, mapping.resources());
    }

    // Budgets
}
