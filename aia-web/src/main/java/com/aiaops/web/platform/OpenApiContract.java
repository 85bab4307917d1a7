package com.aiaops.web.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes the served OpenAPI document a contract a client can be generated from: an operationId on every operation
 * (from its resource class and method, e.g. {@code SloResource.define} → {@code sloDefine}), the problem+json error
 * responses every operation can give with the {@code Problem} schema, a server, and a description for every tag.
 * The bounds of inputs come from their Bean Validation constraints, which the document generator publishes itself.
 */
public class OpenApiContract implements OASFilter {
    static final String PROBLEM_SCHEMA = "Problem";

    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("Alerting", "Alert rules (latency, error rate, checks down, burn rate) and the alerts they raise"),
            Map.entry("Audit", "The organisation's append-only, hash-chained audit trail and its verification"),
            Map.entry("Backups", "Full and incremental backups, restore drills and imports (the platform operators' organisation only)"),
            Map.entry("Capacity", "Reported utilisation, scaling triggers and growth projections per service"),
            Map.entry("Cost", "FOCUS cost imports, allocation to services, budgets, breakdowns and unit costs"),
            Map.entry("Delivery", "Deployments, the error-budget release freeze, and DORA metrics"),
            Map.entry("Incidents", "Incidents, their life cycle and timeline, postmortems and action items"),
            Map.entry("Maintenance", "Maintenance windows, one-off or recurring, left out of error budgets"),
            Map.entry("Notifications", "Notification channels (webhook, Slack, e-mail) and the durable outbox"),
            Map.entry("On-call", "On-call schedules, overrides and escalation policies"),
            Map.entry("Platform", "Liveness of the API and, on test servers only, the adjustable clock"),
            Map.entry("Reports", "SLA, cost and weekly review reports written as files"),
            Map.entry("SLOs", "Service level objectives, their status and error budgets, OpenSLO import and export"),
            Map.entry("Scorecard", "The five-pillar scorecard and its targets"),
            Map.entry("Security findings", "Vulnerability scan reports, findings with fix SLAs, patch compliance"),
            Map.entry("Service catalog", "Services with owner team and SLA tier"),
            Map.entry("Status page", "The public status page and its components"),
            Map.entry("Synthetic checks", "HTTP checks run on a schedule, their runs and uptime"),
            Map.entry("Telemetry", "Request telemetry ingest and rates, error rates and latency percentiles"),
            Map.entry("Tenancy", "Sign-up, sessions, organisations, members and API keys"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        // The annotations leave empty license and externalDocs objects, which OpenAPI forbids (name and url are required).
        openAPI.getInfo().setLicense(OASFactory.createLicense().name("Proprietary").identifier("LicenseRef-AIA-Ops"));
        openAPI.setExternalDocs(OASFactory.createExternalDocumentation().url("/")
                .description("The web application of this installation, where everything here can also be done"));
        openAPI.setServers(List.of(OASFactory.createServer().url("/").description("This installation")));
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        List<Tag> tags = new ArrayList<>(openAPI.getTags() == null ? List.of() : openAPI.getTags());
        for (Tag tag : tags) {
            if (tag.getDescription() == null || tag.getDescription().isBlank()) {
                tag.setDescription(TAGS.getOrDefault(tag.getName(), tag.getName()));
            }
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                operation.setOperationId(operationId(operation.getOperationId()));
                addProblems(operation, entry.getKey());
            }
        }
    }

    /** "SloResource_define" (the generator's class-and-method id) becomes "sloDefine". */
    static String operationId(String generated) {
        if (generated == null) {
            return null;
        }
        int separator = generated.indexOf('_');
        if (separator < 0) {
            return generated;
        }
        String owner = generated.substring(0, separator).replaceAll("Resource$", "");
        String method = generated.substring(separator + 1);
        return Character.toLowerCase(owner.charAt(0)) + owner.substring(1) + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    private static void addProblems(Operation operation, PathItem.HttpMethod method) {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "The request is invalid: the problem's errors name each field and what is wrong with it");
        problems.put("401", "No valid credentials (API key or session)");
        problems.put("403", "The credentials' role does not allow this operation");
        problems.put("404", "No such object in the caller's organisation");
        if (method != PathItem.HttpMethod.GET) {
            problems.put("409", "The request clashes with the current state");
            problems.put("413", "The body is larger than this operation takes");
            problems.put("415", "The body's media type or charset is not one this operation takes (text is UTF-8 only)");
        }
        problems.put("429", "Rate limit reached; retry after the Retry-After seconds");
        problems.put("503", "The database cannot be reached just now; retry after the Retry-After seconds");
        for (Map.Entry<String, String> problem : problems.entrySet()) {
            if (operation.getResponses().hasAPIResponse(problem.getKey())) {
                continue;
            }
            APIResponse response = OASFactory.createAPIResponse().description(problem.getValue())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
            operation.getResponses().addAPIResponse(problem.getKey(), response);
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid field: its path in the body (or the parameter's name) and what is wrong")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("minutes[0].total")))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("must be less than or equal to 10000000000")))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail; clients switch on type")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .examples(List.of("urn:aia-ops:problem:validation-failed")))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("requestId", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
