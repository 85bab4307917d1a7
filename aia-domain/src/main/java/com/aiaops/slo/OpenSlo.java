package com.aiaops.slo;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.InvalidRequestException.Violation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * OpenSLO v1 documents (Service, SLI, SLO, AlertPolicy, AlertCondition) read into SLO definitions and
 * written from them. Every field that is not understood is reported as a finding, never silently dropped;
 * a document that cannot be understood at all is an error, and then nothing is imported.
 *
 * <p>Mapping notes: SLIs are computed from AIA Ops's own telemetry, so metric sources are reported as
 * ignored. A burn-rate condition's long window is its {@code lookbackWindow}; OpenSLO has no short window,
 * so it travels in the annotation {@code aia-ops/short-window}, as the low-traffic guard travels in
 * {@code aia-ops/minimum-events}.
 */
public final class OpenSlo {
    static final String API_VERSION = "openslo/v1";
    static final String V1_ALPHA = "openslo/v1alpha";
    /** v1alpha's time window units, as v1's duration shorthand writes them. */
    private static final Map<String, String> V1_ALPHA_UNITS = Map.of("Second", "s", "Minute", "m", "Hour", "h", "Day", "d", "Week", "w",
            "Month", "M", "Quarter", "Q", "Year", "Y");
    static final String SHORT_WINDOW = "aia-ops/short-window";
    static final String MINIMUM_EVENTS = "aia-ops/minimum-events";
    private static final DateTimeFormatter CALENDAR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_DOCUMENTS = 500;

    private OpenSlo() {
    }

    /** The window of an SLO whose document gives none (OpenSLO makes it optional). */
    static final String DEFAULT_WINDOW = "28d";

    public record ServiceDoc(String name, String displayName, String description) {
    }

    /**
     * One SLO as OpenSLO describes it. {@code foreignIndicator}: the indicator the imported document gave (its metadata
     * and spec, with its queries on other metric systems), as JSON, written back as it was on export; null for SLOs
     * made here.
     */
    public record SloDoc(String name, String displayName, String service, Indicator indicator, Integer latencyThresholdMs,
                         boolean latencyThresholdStrict, boolean latencyGoodAbove, SloSpec spec, String foreignIndicator,
                         String keptMetadata) {
        /** The objective's comparison as OpenSLO writes it; null: not a threshold. */
        public String op() {
            if (indicator != Indicator.LATENCY) {
                return null;
            }
            return latencyGoodAbove ? (latencyThresholdStrict ? "gt" : "gte") : (latencyThresholdStrict ? "lt" : "lte");
        }
    }

    /** The most of an SLO's labels, other annotations and description kept (as JSON) for the export. */
    static final int MAX_KEPT_METADATA = 8_000;

    /** A kept indicator, read back in the order it was written (JSON-B's maps would reorder nested keys). */
    private static Object indicatorAsWritten(String json) {
        try (jakarta.json.JsonReader reader = com.aiaops.shared.JsonValues.PROVIDER.createReader(new java.io.StringReader(json))) {
            return plain(reader.readValue());
        }
    }

    /** A JSON value as the YAML writer takes it: maps in order, lists, strings, whole numbers as integers, booleans. */
    private static Object plain(jakarta.json.JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> out.put(k, plain(v)));
                yield out;
            }
            case ARRAY -> value.asJsonArray().stream().map(OpenSlo::plain).toList();
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case NUMBER -> ((jakarta.json.JsonNumber) value).isIntegral() ? (Object) ((jakarta.json.JsonNumber) value).longValue()
                    : (Object) ((jakarta.json.JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** The longest indicator kept as written (the column's size). */
    static final int MAX_FOREIGN_INDICATOR = 20_000;
    private static final jakarta.json.bind.Jsonb JSON = jakarta.json.bind.JsonbBuilder.create();

    /** A field or document that was not imported, and why. */
    public record Finding(String document, String path, String reason) {
        /** As a problem+json violation: the field is the document and the path in it. */
        public Violation asViolation() {
            return new Violation(path.isEmpty() ? document : document + ": " + path, reason);
        }
    }

    /** What a file holds: services, the SLOs that can be imported, what was not taken, and the documents refused. */
    public record Parsed(List<ServiceDoc> services, List<SloDoc> slos, List<Finding> findings, List<Finding> refused) {
    }

    // ---------------------------------------------------------------- writing

    public static String write(List<ServiceDoc> services, List<SloDoc> slos) {
        List<Object> documents = new ArrayList<>();
        for (ServiceDoc service : services) {
            Map<String, Object> spec = new LinkedHashMap<>();
            if (service.description() != null) {
                spec.put("description", service.description());
            }
            documents.add(envelope("Service", metadata(service.name(), service.displayName(), Map.of()), spec));
        }
        for (SloDoc slo : slos) {
            documents.add(sloDocument(slo));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(true);
        return new Yaml(options).dumpAll(documents.iterator());
    }

    private static Map<String, Object> sloDocument(SloDoc slo) {
        SloSpec spec = slo.spec();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", slo.service());
        Map<String, Object> indicatorSpec = new LinkedHashMap<>();
        if (slo.indicator() == Indicator.LATENCY) {
            indicatorSpec.put("thresholdMetric", Map.of("metricSource", metricSource("request latency in milliseconds")));
        } else {
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("counter", true);
            ratio.put("good", Map.of("metricSource", metricSource("requests without a server error")));
            ratio.put("total", Map.of("metricSource", metricSource("all requests")));
            indicatorSpec.put("ratioMetric", ratio);
        }
        body.put("indicator", slo.foreignIndicator() != null ? indicatorAsWritten(slo.foreignIndicator())
                : inOrder("metadata", Map.of("name", slo.name() + "-sli"), "spec", indicatorSpec));
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("duration", spec.window().duration().toString());
        window.put("isRolling", spec.window().rolling());
        if (!spec.window().rolling()) {
            window.put("calendar", inOrder("startTime", CALENDAR_TIME.format(spec.window().calendarStart()),
                    "timeZone", spec.window().timeZone().getId()));
        }
        body.put("timeWindow", List.of(window));
        body.put("budgetingMethod", switch (spec.method()) {
            case OCCURRENCES -> "Occurrences";
            case TIMESLICES -> "Timeslices";
            case RATIO_TIMESLICES -> "RatioTimeslices";
        });
        Map<String, Object> objective = new LinkedHashMap<>();
        if (slo.indicator() == Indicator.LATENCY) {
            objective.put("op", slo.op());
            objective.put("value", slo.latencyThresholdMs());
        }
        objective.put("target", spec.target());
        if (spec.method() == BudgetingMethod.TIMESLICES) {
            objective.put("timeSliceTarget", spec.timeSliceTarget());
        }
        if (spec.method().slices()) {
            objective.put("timeSliceWindow", minutes(spec.timeSliceWindow()));
        }
        body.put("objectives", List.of(objective));
        List<Object> policies = new ArrayList<>();
        for (int i = 0; i < spec.rules().size(); i++) {
            BurnRateRule rule = spec.rules().get(i);
            String name = slo.name() + "-burn-" + (i + 1);
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("kind", "burnrate");
            condition.put("op", "gt");
            condition.put("threshold", rule.factor());
            condition.put("lookbackWindow", minutes(rule.longWindow()));
            condition.put("alertAfter", "0m");
            Map<String, Object> conditionSpec = new LinkedHashMap<>();
            conditionSpec.put("severity", rule.severity().name().toLowerCase(Locale.ROOT));
            conditionSpec.put("condition", condition);
            Map<String, Object> alertCondition = envelope("AlertCondition",
                    metadata(name + "-condition", null, Map.of(SHORT_WINDOW, minutes(rule.shortWindow()))), conditionSpec);
            alertCondition.remove("apiVersion");
            Map<String, Object> policy = envelope("AlertPolicy", metadata(name, null, Map.of()),
                    Map.of("conditions", List.of(alertCondition)));
            policy.remove("apiVersion");
            policies.add(policy);
        }
        body.put("alertPolicies", policies);
        Map<String, String> annotations = spec.minimumEvents() > 0
                ? Map.of(MINIMUM_EVENTS, Long.toString(spec.minimumEvents())) : Map.of();
        Map<String, Object> metadata = metadata(slo.name(), slo.displayName(), annotations);
        if (slo.keptMetadata() != null) { // as imported: labels, other annotations, the description
            Map<?, ?> kept = (Map<?, ?>) indicatorAsWritten(slo.keptMetadata());
            if (kept.get("labels") != null) {
                metadata.put("labels", kept.get("labels"));
            }
            if (kept.get("annotations") instanceof Map<?, ?> others) {
                Map<Object, Object> merged = new LinkedHashMap<>(others);
                merged.putAll(annotations);
                metadata.put("annotations", merged);
            }
            if (kept.get("description") != null) {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("description", kept.get("description"));
                described.putAll(body);
                body = described;
            }
        }
        return envelope("SLO", metadata, body);
    }

    /** The metricSource type of this platform's own indicators. */
    private static final String OWN_SOURCE = "aia-ops";

    private static Map<String, Object> metricSource(String meaning) {
        return inOrder("type", OWN_SOURCE, "spec", Map.of("query", meaning));
    }

    /**
     * A mapping whose keys are written in the given order. Map.of iterates in an order that changes from one JVM run
     * to the next, so an export would change between restarts (found by UpgradeIT comparing two releases' exports).
     */
    private static Map<String, Object> inOrder(String firstKey, Object firstValue, String secondKey, Object secondValue) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(firstKey, firstValue);
        map.put(secondKey, secondValue);
        return map;
    }

    private static Map<String, Object> envelope(String kind, Map<String, Object> metadata, Map<String, Object> spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", API_VERSION);
        document.put("kind", kind);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return document;
    }

    private static Map<String, Object> metadata(String name, String displayName, Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (displayName != null) {
            metadata.put("displayName", displayName);
        }
        if (!annotations.isEmpty()) {
            metadata.put("annotations", new LinkedHashMap<>(annotations));
        }
        return metadata;
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        if (m % (7 * 24 * 60) == 0) {
            return m / (7 * 24 * 60) + "w";
        }
        if (m % (24 * 60) == 0) {
            return m / (24 * 60) + "d";
        }
        return m % 60 == 0 ? m / 60 + "h" : m + "m";
    }

    // ---------------------------------------------------------------- reading

    public static Parsed read(String yaml) {
        return read(yaml, false);
    }

    /**
     * Reads a file of OpenSLO documents. Without {@code partial}, one refused document refuses the file (nothing is
     * imported); with it, refused documents are listed (document, path, reason) and the others are read.
     */
    public static Parsed read(String yaml, boolean partial) {
        List<Object> documents = new ArrayList<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setAllowDuplicateKeys(false);
            Yaml parser = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new DumperOptions()),
                    new DumperOptions(), options, new TimestampsAsWritten());
            for (Object document : parser.loadAll(yaml)) {
                if (document instanceof List<?> sequence) {
                    // A file may be one YAML sequence of documents ("- apiVersion: openslo/v1 …"), as several tools write them.
                    sequence.stream().filter(java.util.Objects::nonNull).forEach(documents::add);
                } else if (document != null) {
                    documents.add(document);
                }
                if (documents.size() > MAX_DOCUMENTS) {
                    throw new InvalidRequestException("invalid-openslo", "At most " + MAX_DOCUMENTS + " documents per import");
                }
            }
        } catch (YAMLException e) {
            throw new InvalidRequestException("invalid-openslo", "The body is not valid YAML: " + clip(e.getMessage()));
        }
        Reader reader = new Reader();
        for (int i = 0; i < documents.size(); i++) {
            reader.index(i, documents.get(i));
        }
        return reader.resolve(partial);
    }

    /**
     * An openslo/v1alpha document in v1's shape: {@code timeWindows} (unit and count) becomes {@code timeWindow}
     * (duration shorthand), the first objective's {@code ratioMetrics} (or the spec's {@code thresholdMetric}) becomes
     * the indicator, each metric's source, query type and query becoming a {@code metricSource}. Anything else is
     * left as written, so that what v1 does not know is still reported by its path.
     */
    @SuppressWarnings("unchecked")
    static Map<?, ?> fromV1alpha(Map<?, ?> alpha) {
        Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) alpha);
        doc.put("apiVersion", API_VERSION);
        if (!"SLO".equals(doc.get("kind")) || !(doc.get("spec") instanceof Map<?, ?> alphaSpec)) {
            return doc;
        }
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) alphaSpec);
        doc.put("spec", spec);
        if (spec.remove("timeWindows") instanceof List<?> windows && !windows.isEmpty() && windows.get(0) instanceof Map<?, ?> first) {
            Map<String, Object> window = new LinkedHashMap<>((Map<String, Object>) first);
            Object unit = window.remove("unit");
            Object count = window.remove("count");
            if (unit != null && count != null) {
                String letter = V1_ALPHA_UNITS.get(String.valueOf(unit));
                window.put("duration", count + (letter == null ? " " + unit : letter));
            }
            spec.put("timeWindow", List.of(window));
        }
        String name = doc.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "slo";
        Map<String, Object> indicatorSpec = new LinkedHashMap<>();
        if (spec.get("objectives") instanceof List<?> objectives && !objectives.isEmpty() && objectives.get(0) instanceof Map<?, ?> objective
                && objective.get("ratioMetrics") instanceof Map<?, ?> ratio) {
            Map<String, Object> firstObjective = new LinkedHashMap<>((Map<String, Object>) objective);
            firstObjective.remove("ratioMetrics");
            List<Object> rest = new ArrayList<>(objectives);
            rest.set(0, firstObjective);
            spec.put("objectives", rest);
            Map<String, Object> ratioMetric = new LinkedHashMap<>();
            if (ratio.containsKey("incremental")) {
                ratioMetric.put("counter", ratio.get("incremental"));
            }
            for (String part : List.of("good", "bad", "total")) {
                if (ratio.get(part) instanceof Map<?, ?> metric) {
                    ratioMetric.put(part, Map.of("metricSource", alphaMetricSource(metric)));
                }
            }
            indicatorSpec.put("ratioMetric", ratioMetric);
        } else if (spec.get("indicator") instanceof Map<?, ?> indicator && indicator.get("thresholdMetric") instanceof Map<?, ?> threshold) {
            indicatorSpec.put("thresholdMetric", Map.of("metricSource", alphaMetricSource(threshold)));
        }
        if (!indicatorSpec.isEmpty()) {
            spec.put("indicator", inOrder("metadata", Map.of("name", name + "-sli"), "spec", indicatorSpec));
        } else if (spec.get("indicator") == null) {
            spec.remove("indicator");
        }
        return doc;
    }

    private static Map<String, Object> alphaMetricSource(Map<?, ?> metric) {
        Map<String, Object> query = new LinkedHashMap<>();
        metric.forEach((k, v) -> {
            if (!"source".equals(k)) {
                query.put(String.valueOf(k), v);
            }
        });
        return inOrder("type", String.valueOf(metric.get("source")), "spec", query);
    }

    /**
     * YAML 1.1 turns an unquoted {@code 2022-01-01 12:00:00} into a date in the parser's time zone; OpenSLO means a
     * local time in the window's {@code timeZone}, so timestamps stay the text they were written as.
     */
    private static final class TimestampsAsWritten extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
            if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Reads documents, remembering which keys were understood; every other key becomes a finding. */
    private static final class Reader {
        private final List<Finding> findings = new ArrayList<>();
        /** Documents refused, each for its first problem: the document, the path in it, why. */
        private final List<Finding> errors = new ArrayList<>();
        private final List<Node> services = new ArrayList<>();
        private final List<Node> slos = new ArrayList<>();
        private final Map<String, Node> slis = new HashMap<>();
        private final Map<String, Node> policies = new HashMap<>();
        private final Map<String, Node> conditions = new HashMap<>();
        private final List<Node> all = new ArrayList<>();

        void index(int position, Object raw) {
            String label = "document " + (position + 1);
            if (!(raw instanceof Map<?, ?> map)) {
                errors.add(new Finding(label, "", "is not a mapping"));
                return;
            }
            if (V1_ALPHA.equals(map.get("apiVersion"))) {
                map = fromV1alpha(map);
                Object name = map.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
                findings.add(new Finding(map.get("kind") + " " + name, "apiVersion", "openslo/v1alpha, converted to openslo/v1"));
            }
            Node document = new Node(label, "", map);
            all.add(document);
            String apiVersion = document.text("apiVersion");
            if (!API_VERSION.equals(apiVersion)) {
                errors.add(new Finding(label, "apiVersion", "must be " + API_VERSION + " or " + V1_ALPHA + ", not " + apiVersion));
                return;
            }
            String kind = document.text("kind");
            String name = document.child("metadata").text("name");
            if (name == null) {
                errors.add(new Finding(label, "metadata.name", "is required"));
                return;
            }
            document.rename(kind + " " + name);
            switch (kind == null ? "" : kind) {
                case "Service" -> services.add(document);
                case "SLO" -> slos.add(document);
                case "SLI" -> slis.put(name, document);
                case "AlertPolicy" -> policies.put(name, document);
                case "AlertCondition" -> conditions.put(name, document);
                default -> {
                    document.consumeAll();
                    findings.add(new Finding(kind + " " + name, "", "documents of kind " + kind + " are not imported"));
                }
            }
        }

        Parsed resolve(boolean partial) {
            List<ServiceDoc> serviceDocs = new ArrayList<>();
            for (Node service : services) {
                Node metadata = service.child("metadata");
                serviceDocs.add(new ServiceDoc(metadata.text("name"), metadata.text("displayName"),
                        service.child("spec").text("description")));
            }
            List<SloDoc> sloDocs = new ArrayList<>();
            for (Node slo : slos) {
                try {
                    SloDoc doc = slo(slo);
                    if (doc != null) {
                        sloDocs.add(doc);
                    }
                } catch (IllegalArgumentException | IllegalStateException | java.time.DateTimeException e) {
                    errors.add(e instanceof FieldRefusal refusal ? new Finding(slo.document, refusal.path, refusal.reason)
                            : new Finding(slo.document, "", e.getMessage()));
                }
            }
            for (Node node : all) {
                node.reportUnconsumed(findings);
            }
            if (!errors.isEmpty() && !partial) {
                throw new InvalidRequestException("invalid-openslo", "The OpenSLO documents cannot be imported (nothing was): " + errors.size()
                        + " problem(s); with partial=true the others import", errors.stream().map(Finding::asViolation).toList());
            }
            return new Parsed(serviceDocs, sloDocs, findings, List.copyOf(errors));
        }

        /** The one window of spec.timeWindow: rolling, or calendar-aligned from a local start in a zone. */
        private TimeWindow window(Node window) {
            String durationText = required(window, "duration");
            SloDuration duration;
            try {
                duration = SloDuration.parse(durationText);
            } catch (IllegalArgumentException e) {
                throw refusal(window.path + "duration", String.valueOf(e.getMessage()));
            }
            boolean rolling = !"false".equalsIgnoreCase(window.text("isRolling"));
            if (rolling) {
                return TimeWindow.rolling(duration);
            } else {
                Node calendar = window.child("calendar");
                String start = calendar.text("startTime");
                String zone = calendar.text("timeZone");
                if (start == null || zone == null) {
                    throw refusal("spec.timeWindow[0].calendar", "needs startTime and timeZone");
                }
                LocalDateTime startTime;
                try {
                    startTime = LocalDateTime.parse(start.trim().replace(' ', 'T'));
                } catch (java.time.format.DateTimeParseException e) {
                    throw refusal("spec.timeWindow[0].calendar.startTime", "must be a local date and time such as "
                            + "2022-01-01 12:00:00, not " + start);
                }
                ZoneId timeZone;
                try {
                    timeZone = ZoneId.of(zone);
                } catch (java.time.DateTimeException e) {
                    throw refusal("spec.timeWindow[0].calendar.timeZone", "must be an IANA time zone such as Europe/Berlin, not " + zone);
                }
                return TimeWindow.calendar(duration, startTime, timeZone);
            }
        }

        private SloDoc slo(Node slo) {
            Node metadata = slo.child("metadata");
            Node spec = slo.child("spec");
            String name = metadata.text("name");
            long minimumEvents = 0;
            Node annotations = metadata.child("annotations");
            if (annotations.text(MINIMUM_EVENTS) != null) {
                minimumEvents = Long.parseLong(annotations.text(MINIMUM_EVENTS));
            }
            String service = spec.text("service");
            if (service == null) {
                throw refusal("spec.service", "is required");
            }
            Node indicator = spec.has("indicator") ? spec.child("indicator") : null;
            String indicatorRef = spec.text("indicatorRef");
            if (indicator == null && indicatorRef != null) {
                indicator = slis.get(indicatorRef);
                if (indicator == null) {
                    throw refusal("spec.indicatorRef", "names no SLI document: " + indicatorRef);
                }
                indicator.child("metadata").text("name");
            }
            if (indicator == null) {
                throw refusal("spec.indicator", "or spec.indicatorRef is required");
            }
            Node sliSpec = indicator.child("spec");
            Indicator kind;
            if (sliSpec.has("thresholdMetric")) {
                kind = Indicator.LATENCY;
                ignoredSource(sliSpec.child("thresholdMetric"));
            } else if (sliSpec.has("ratioMetric")) {
                kind = Indicator.AVAILABILITY;
                Node ratio = sliSpec.child("ratioMetric");
                ratio.text("counter");
                for (String part : List.of("good", "bad", "total", "raw")) {
                    if (ratio.has(part)) {
                        ignoredSource(ratio.child(part));
                    }
                }
            } else {
                throw refusal("spec.indicator.spec", "needs a ratioMetric or a thresholdMetric");
            }
            indicator.child("metadata").text("name");

            List<Node> windows = spec.list("timeWindow");
            if (windows.size() > 1) {
                throw refusal("spec.timeWindow", "must hold exactly one window");
            }
            TimeWindow timeWindow;
            if (windows.isEmpty()) {
                // OpenSLO leaves the window optional and says nothing of a default: the platform's default, said.
                timeWindow = TimeWindow.rolling(SloDuration.parse(DEFAULT_WINDOW));
                findings.add(new Finding(slo.document, "spec.timeWindow", "none given: a rolling " + DEFAULT_WINDOW + " window is used"));
            } else {
                timeWindow = window(windows.get(0));
            }
            String method = spec.text("budgetingMethod");
            BudgetingMethod budgeting = switch (method == null ? "Occurrences" : method) {
                case "Occurrences" -> BudgetingMethod.OCCURRENCES;
                case "Timeslices" -> BudgetingMethod.TIMESLICES;
                case "RatioTimeslices" -> BudgetingMethod.RATIO_TIMESLICES;
                default -> throw refusal("spec.budgetingMethod", method + " is not one of Occurrences, Timeslices, RatioTimeslices");
            };
            List<Node> objectives = spec.list("objectives");
            if (objectives.isEmpty()) {
                throw refusal("spec.objectives", "needs one objective");
            }
            if (objectives.size() > 1) {
                findings.add(new Finding(slo.document, "spec.objectives[1..]", "only the first objective is imported"));
                objectives.subList(1, objectives.size()).forEach(Node::consumeAll);
            }
            Node objective = objectives.get(0);
            double target = objective.has("target") ? number(objective, "target") : number(objective, "targetPercent") / 100;
            objective.text("displayName");
            Integer threshold = null;
            boolean strict = false;
            boolean above = false;
            if (kind == Indicator.LATENCY) {
                String op = objective.text("op");
                if (op != null && !List.of("lte", "lt", "gt", "gte").contains(op)) {
                    throw refusal("spec.objectives[0].op", "must be one of lt, lte, gt, gte, not " + op);
                }
                threshold = wholeMillis(required(objective, "value"));
                strict = "lt".equals(op) || "gt".equals(op);
                above = "gt".equals(op) || "gte".equals(op);
                if (above) {
                    findings.add(new Finding(slo.document, "spec.objectives[0].op", op + ": a request is good when it takes "
                            + ("gt".equals(op) ? "longer than " : "at least ") + threshold + " ms, as written"));
                }
            }
            Double sliceTarget = objective.has("timeSliceTarget") ? Double.valueOf(number(objective, "timeSliceTarget")) : null;
            if (budgeting == BudgetingMethod.RATIO_TIMESLICES && sliceTarget != null) {
                findings.add(new Finding(slo.document, "spec.objectives[0].timeSliceTarget", "ignored: RatioTimeslices averages the slices' ratios"));
                sliceTarget = null;
            }
            Duration sliceWindow = objective.has("timeSliceWindow")
                    ? duration(objective, "timeSliceWindow", required(objective, "timeSliceWindow")) : null;

            List<BurnRateRule> rules = new ArrayList<>();
            for (Node policyOrRef : spec.list("alertPolicies")) {
                Node policy = policyOrRef;
                String ref = policyOrRef.text("alertPolicyRef");
                if (ref != null) {
                    policy = policies.get(ref);
                    if (policy == null) {
                        throw refusal("spec.alertPolicies", "alertPolicyRef names no AlertPolicy document: " + ref);
                    }
                }
                try {
                    rules.addAll(rules(policy));
                } catch (FieldRefusal inPolicy) {
                    throw ref == null ? inPolicy : referenced(policyOrRef.path + "alertPolicyRef", "AlertPolicy " + ref, inPolicy);
                }
            }
            if (rules.isEmpty()) {
                rules = BurnRateRule.workbookDefaults();
                findings.add(new Finding(slo.document, "spec.alertPolicies", "none given: the SRE Workbook's burn-rate rules apply"));
            }
            SloSpec sloSpec;
            try {
                sloSpec = new SloSpec(target, timeWindow, budgeting, sliceTarget, sliceWindow, minimumEvents, rules);
            } catch (SloSpec.Refused e) {
                throw refusal("minimumEvents".equals(e.field()) ? "metadata.annotations" : "spec.objectives[0]." + e.field(), e.getMessage());
            }
            return new SloDoc(name, metadata.text("displayName"), service, kind, threshold, strict, above, sloSpec, kept(slo, indicator),
                    keptMetadata(slo, metadata, annotations, spec));
        }

        /** The burn-rate rules of one alert policy, its conditions inline or referenced. */
        private List<BurnRateRule> rules(Node policy) {
            policy.text("kind");
            policy.text("apiVersion");
            policy.child("metadata").text("name");
            Node policySpec = policy.child("spec");
            if (policySpec.has("notificationTargets")) {
                findings.add(new Finding(policy.document, policy.path + "spec.notificationTargets",
                        "notification targets are set up as channels, not imported"));
                policySpec.child("notificationTargets").consumeAll();
            }
            List<BurnRateRule> rules = new ArrayList<>();
            for (Node conditionOrRef : policySpec.list("conditions")) {
                String conditionRef = conditionOrRef.text("conditionRef");
                if (conditionRef == null) {
                    rules.add(rule(conditionOrRef));
                    continue;
                }
                Node condition = conditions.get(conditionRef);
                if (condition == null) {
                    throw refusal(conditionOrRef.path + "conditionRef", "names no AlertCondition document: " + conditionRef);
                }
                try {
                    rules.add(rule(condition));
                } catch (FieldRefusal inCondition) {
                    throw referenced(conditionOrRef.path + "conditionRef", "AlertCondition " + conditionRef, inCondition);
                }
            }
            return rules;
        }

        /** A refusal inside a document referred to, named where the reference is, with the path inside the other document. */
        private static FieldRefusal referenced(String referencePath, String document, FieldRefusal inside) {
            return refusal(referencePath, document + ": " + inside.path + " " + inside.reason);
        }

        private BurnRateRule rule(Node condition) {
            condition.text("kind");
            condition.text("apiVersion");
            Node metadata = condition.child("metadata");
            metadata.text("name");
            Node spec = condition.child("spec");
            Node body = spec.child("condition");
            String kind = body.text("kind");
            if (!"burnrate".equalsIgnoreCase(kind)) {
                throw refusal(body.path + "kind", "only burnrate alert conditions are supported, not " + kind);
            }
            String op = body.text("op");
            if (op != null && !op.equals("gt") && !op.equals("gte")) {
                throw refusal(body.path + "op", "a burn-rate condition fires above its threshold: op gt or gte, not " + op);
            }
            double factor = number(body, "threshold");
            Duration longWindow = duration(body, "lookbackWindow", required(body, "lookbackWindow"));
            String alertAfter = body.text("alertAfter");
            if (alertAfter != null && !alertAfter.equals("0m")) {
                findings.add(new Finding(condition.document, body.path + "alertAfter",
                        "alerts fire as soon as both windows burn; alertAfter is not applied"));
            }
            String shortText = metadata.child("annotations").text(SHORT_WINDOW);
            Duration shortWindow;
            if (shortText != null) {
                shortWindow = duration(metadata.child("annotations"), SHORT_WINDOW, shortText);
            } else {
                shortWindow = longWindow.dividedBy(12);
                findings.add(new Finding(condition.document, "metadata.annotations." + SHORT_WINDOW,
                        "no short window given: 1/12 of the long window (" + minutes(shortWindow) + ") is used"));
            }
            String severity = spec.text("severity");
            BurnRateRule.Severity level = "page".equalsIgnoreCase(severity) ? BurnRateRule.Severity.PAGE
                    : "ticket".equalsIgnoreCase(severity) ? BurnRateRule.Severity.TICKET : null;
            if (level == null) {
                throw refusal(spec.path + "severity", "an alert condition's severity must be page or ticket, not " + severity);
            }
            return new BurnRateRule(longWindow, shortWindow, factor, level);
        }

        /** The document's indicator (metadata and spec) as JSON, to be written back as it was; too long: not kept, said. */
        /**
         * What the platform has no field for but the export must give back: metadata.labels, annotations other than its
         * own, spec.description. Null when there is none.
         */
        private String keptMetadata(Node slo, Node metadata, Node annotations, Node spec) {
            Map<String, Object> kept = new LinkedHashMap<>();
            if (metadata.has("labels")) {
                kept.put("labels", metadata.map.get("labels"));
                metadata.child("labels").consumeAll();
            }
            Map<Object, Object> others = new LinkedHashMap<>(annotations.map);
            others.keySet().removeAll(Set.of(MINIMUM_EVENTS, SHORT_WINDOW));
            annotations.consumeAll();
            if (!others.isEmpty()) {
                kept.put("annotations", others);
            }
            String description = spec.text("description");
            if (description != null) {
                kept.put("description", description);
            }
            if (kept.isEmpty()) {
                return null;
            }
            String json = JSON.toJson(kept);
            if (json.length() > MAX_KEPT_METADATA) {
                findings.add(new Finding(slo.document, "metadata.labels", "labels, annotations and description longer than "
                        + MAX_KEPT_METADATA + " characters: not kept"));
                return null;
            }
            return json;
        }

        private String kept(Node slo, Node indicator) {
            if (!foreign(indicator.map.get("spec"))) {
                return null; // this platform's own indicator: written anew on export
            }
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("metadata", indicator.map.get("metadata"));
            written.put("spec", indicator.map.get("spec"));
            String json = JSON.toJson(written);
            if (json.length() > MAX_FOREIGN_INDICATOR) {
                findings.add(new Finding(slo.document, "spec.indicator", "longer than " + MAX_FOREIGN_INDICATOR
                        + " characters: not kept; the export writes the platform's own indicator"));
                return null;
            }
            return json;
        }

        private void ignoredSource(Node metric) {
            Node source = metric.child("metricSource");
            boolean ours = OWN_SOURCE.equals(source.map.get("type"));
            source.consumeAll();
            findings.add(new Finding(metric.document, metric.path + "metricSource", ours
                    ? "ignored: this platform's own source; the SLI comes from the telemetry AIA Ops ingests for the service"
                    : "kept and written back on export, not queried: the SLI comes from the telemetry AIA Ops ingests for the service"));
        }

        /** Whether an indicator queries another metric system somewhere (a metricSource not of this platform). */
        private static boolean foreign(Object value) {
            if (value instanceof Map<?, ?> map) {
                if (map.get("metricSource") instanceof Map<?, ?> source && !OWN_SOURCE.equals(source.get("type"))) {
                    return true;
                }
                return map.values().stream().anyMatch(Reader::foreign);
            }
            return value instanceof List<?> list && list.stream().anyMatch(Reader::foreign);
        }

        private static double number(Node node, String key) {
            String text = required(node, key);
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // named below, with the field
            }
            throw refusal(node.path + key, "must be a number, not " + text);
        }

        private static Duration duration(Node node, String key, String text) {
            try {
                return SloDuration.parse(text).fixedLength();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw refusal(node.path + key, String.valueOf(e.getMessage()));
            }
        }

        private static String required(Node node, String key) {
            String value = node.text(key);
            if (value == null) {
                throw refusal(node.path + key, "is required");
            }
            return value;
        }
    }

    /** A mapping in a document, and the keys of it that were read. */
    private static final class Node {
        private String document;
        private final String path;
        private final Map<?, ?> map;
        private final Set<String> consumed = new LinkedHashSet<>();
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final List<Node> listed = new ArrayList<>();
        private boolean everything;

        Node(String document, String path, Map<?, ?> map) {
            this.document = document;
            this.path = path;
            this.map = map == null ? Map.of() : map;
        }

        void rename(String newDocument) {
            this.document = newDocument;
        }

        boolean has(String key) {
            return map.containsKey(key);
        }

        String text(String key) {
            consumed.add(key);
            Object value = map.get(key);
            String text = value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
            // YAML's "\0" escape makes a NUL, which the database refuses: a control character is the document's fault.
            if (text != null && text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
                throw com.aiaops.shared.InvalidRequestException.ofField("invalid-openslo", document + ": " + path + key,
                        "must not contain control characters");
            }
            return text;
        }

        Node child(String key) {
            consumed.add(key);
            return children.computeIfAbsent(key, k -> new Node(document, path + k + ".",
                    map.get(k) instanceof Map<?, ?> m ? m : Map.of()));
        }

        List<Node> list(String key) {
            consumed.add(key);
            List<Node> nodes = new ArrayList<>();
            if (map.get(key) instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    Node node = new Node(document, path + key + "[" + i + "].", items.get(i) instanceof Map<?, ?> m ? m : Map.of());
                    nodes.add(node);
                    listed.add(node);
                }
            }
            return nodes;
        }

        void consumeAll() {
            everything = true;
        }

        void reportUnconsumed(List<Finding> findings) {
            if (everything) {
                return;
            }
            for (Object key : map.keySet()) {
                if (!consumed.contains(String.valueOf(key))) {
                    findings.add(new Finding(document, path + key, "not supported: not imported"));
                }
            }
            children.values().forEach(c -> c.document = document);
            listed.forEach(c -> c.document = document);
            children.values().forEach(c -> c.reportUnconsumed(findings));
            listed.forEach(c -> c.reportUnconsumed(findings));
        }
    }

    /** A latency bound in whole milliseconds, as the SLO keeps it: a fraction would be rounded to another SLO. */
    private static int wholeMillis(String value) {
        double millis;
        try {
            millis = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw refusal("spec.objectives[0].value", "must be a number of milliseconds, not " + value);
        }
        if (!(millis >= 1 && millis <= 3_600_000) || millis != Math.rint(millis)) {
            throw refusal("spec.objectives[0].value", "must be whole milliseconds from 1 to 3600000, not " + value);
        }
        return (int) millis;
    }

    /** A document refused for one field, named by its path in the document. */
    private static final class FieldRefusal extends IllegalArgumentException {
        final String path;
        final String reason;

        FieldRefusal(String path, String reason) {
            super(path + " " + reason);
            this.path = path;
            this.reason = reason;
        }
    }

    private static FieldRefusal refusal(String path, String reason) {
        return new FieldRefusal(path, reason);
    }
}
