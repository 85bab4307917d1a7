package com.aiaops.integration;

import com.aiaops.access.Caller;
import com.aiaops.delivery.ChangeKind;
import com.aiaops.delivery.Commit;
import com.aiaops.delivery.Deployment;
import com.aiaops.delivery.DeploymentService;
import com.aiaops.shared.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * GitHub's and GitLab's webhooks, read as deployments of the integration's service: pushes leave their commits
 * waiting (with their times, where lead time starts); a finished deployment to a counted environment takes the commits
 * waiting from before it, fails or succeeds, and is a rollback when it brings back a version deployed before. Events
 * of another repository, of other environments, or not finished, change nothing and say why.
 */
@ApplicationScoped
public class DeploymentWebhooks {
    static final int MAX_COMMITS = 1000;

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    DeploymentService deployments;

    @Inject
    Clock clock;

    /** What a delivery did, in a sentence (also the integration's last event). */
    public record Outcome(String event, String result, UUID deploymentId) {
    }

    @Transactional
    public Outcome github(UUID integrationId, String event, String body) {
        Integration integration = em.find(Integration.class, integrationId, LockModeType.PESSIMISTIC_WRITE);
        JsonObject payload = AlertPayloads.object(body);
        Outcome outcome = switch (event == null ? "" : event) {
            case "ping" -> new Outcome("ping", "pong", null);
            case "push" -> githubPush(integration, payload);
            case "deployment_status" -> githubDeploymentStatus(integration, payload);
            default -> new Outcome(event, "ignored: only push and deployment_status events are used", null);
        };
        integration.received("GitHub " + outcome.event() + ": " + outcome.result(), clock.instant());
        return outcome;
    }

    @Transactional
    public Outcome gitlab(UUID integrationId, String body) {
        Integration integration = em.find(Integration.class, integrationId, LockModeType.PESSIMISTIC_WRITE);
        JsonObject payload = AlertPayloads.object(body);
        String kind = AlertPayloads.text(payload, "object_kind");
        Outcome outcome = switch (kind == null ? "" : kind) {
            case "push" -> gitlabPush(integration, payload);
            case "deployment" -> gitlabDeployment(integration, payload);
            default -> new Outcome(kind, "ignored: only push and deployment events are used", null);
        };
        integration.received("GitLab " + outcome.event() + ": " + outcome.result(), clock.instant());
        return outcome;
    }

    private Outcome githubPush(Integration integration, JsonObject payload) {
        String repository = path(payload, "repository", "full_name");
        if (!sameRepository(integration, repository)) {
            return new Outcome("push", "ignored: repository " + repository + " is not " + integration.repository(), null);
        }
        String ref = AlertPayloads.text(payload, "ref");
        if (ref == null || !ref.startsWith("refs/heads/")) {
            return new Outcome("push", "ignored: " + ref + " is not a branch", null);
        }
        return new Outcome("push", waiting(integration, array(payload, "commits"), "id", "timestamp") + " commit(s) wait for a deployment", null);
    }

    private Outcome gitlabPush(Integration integration, JsonObject payload) {
        String repository = path(payload, "project", "path_with_namespace");
        if (!sameRepository(integration, repository)) {
            return new Outcome("push", "ignored: project " + repository + " is not " + integration.repository(), null);
        }
        String ref = AlertPayloads.text(payload, "ref");
        if (ref == null || !ref.startsWith("refs/heads/")) {
            return new Outcome("push", "ignored: " + ref + " is not a branch", null);
        }
        return new Outcome("push", waiting(integration, array(payload, "commits"), "id", "timestamp") + " commit(s) wait for a deployment", null);
    }

    private Outcome githubDeploymentStatus(Integration integration, JsonObject payload) {
        String repository = path(payload, "repository", "full_name");
        if (!sameRepository(integration, repository)) {
            return new Outcome("deployment_status", "ignored: repository " + repository + " is not " + integration.repository(), null);
        }
        JsonObject status = object(payload, "deployment_status");
        JsonObject deployment = object(payload, "deployment");
        String state = AlertPayloads.text(status, "state");
        Deployment.Result result = "success".equals(state) ? Deployment.Result.SUCCESS
                : "failure".equals(state) || "error".equals(state) ? Deployment.Result.FAILURE : null;
        String environment = firstNonNull(AlertPayloads.text(status, "environment"), AlertPayloads.text(deployment, "environment"));
        if (result == null) {
            return new Outcome("deployment_status", "ignored: state " + state + " is not finished", null);
        }
        if (!integration.countsEnvironment(environment)) {
            return new Outcome("deployment_status", "ignored: environment " + environment + " is not counted ("
                    + String.join(", ", integration.environments()) + ")", null);
        }
        String sha = required(deployment, "sha", "deployment.sha");
        String ref = AlertPayloads.text(deployment, "ref");
        Instant started = time(deployment, "created_at", "deployment.created_at");
        Instant finished = time(status, "created_at", "deployment_status.created_at");
        String key = "github:deployment_status:" + status.get("id");
        return record(integration, key, "deployment_status", versionOf(ref, sha), environment, sha, started, finished, result);
    }

    private Outcome gitlabDeployment(Integration integration, JsonObject payload) {
        String repository = path(payload, "project", "path_with_namespace");
        if (!sameRepository(integration, repository)) {
            return new Outcome("deployment", "ignored: project " + repository + " is not " + integration.repository(), null);
        }
        String status = AlertPayloads.text(payload, "status");
        Deployment.Result result = "success".equals(status) ? Deployment.Result.SUCCESS
                : "failed".equals(status) ? Deployment.Result.FAILURE : null;
        if (result == null) {
            return new Outcome("deployment", "ignored: status " + status + " is not finished", null);
        }
        String environment = AlertPayloads.text(payload, "environment");
        if (!integration.countsEnvironment(environment)) {
            return new Outcome("deployment", "ignored: environment " + environment + " is not counted ("
                    + String.join(", ", integration.environments()) + ")", null);
        }
        String commitUrl = AlertPayloads.text(payload, "commit_url");
        String sha = commitUrl != null && commitUrl.matches(".*/commit/[0-9a-f]{7,64}") ? commitUrl.substring(commitUrl.lastIndexOf('/') + 1)
                : required(payload, "short_sha", "short_sha");
        // GitLab says when the status changed (newer versions); older ones do not, and then it is now
        Instant at = payload.containsKey("status_changed_at") ? gitlabTime(payload, "status_changed_at") : clock.instant();
        String key = "gitlab:deployment:" + payload.get("deployment_id") + ":" + payload.get("deployable_id") + ":" + status;
        return record(integration, key, "deployment", versionOf(null, sha), environment, sha, at, at, result);
    }

    private Outcome record(Integration integration, String deliveryKey, String event, String version, String environment, String sha,
                           Instant started, Instant finished, Deployment.Result result) {
        boolean seen = !em.createQuery("select d.id from Delivery d where d.integrationId = :integration and d.deliveryKey = :key", UUID.class)
                .setParameter("integration", integration.id()).setParameter("key", deliveryKey).getResultList().isEmpty();
        if (seen) {
            return new Outcome(event, "ignored: delivered before", null);
        }
        em.persist(new Delivery(integration, deliveryKey, clock.instant()));
        if (finished.isBefore(started)) {
            started = finished;
        }
        Instant end = finished;
        List<PushedCommit> waiting = em.createQuery("select c from PushedCommit c where c.integrationId = :integration "
                        + "and c.committedAt <= :end order by c.committedAt", PushedCommit.class)
                .setParameter("integration", integration.id()).setParameter("end", end).setMaxResults(MAX_COMMITS).getResultList();
        List<Commit> commits = new ArrayList<>(waiting.stream().map(c -> new Commit(c.sha(), c.committedAt())).toList());
        String env = environment.toLowerCase(Locale.ROOT);
        Caller system = Caller.system(integration.organizationId());
        UUID rollbackOf = null;
        if (result == Deployment.Result.SUCCESS) {
            // bringing back a version deployed before, over a newer one, is a rollback of the newer one
            var latest = deployments.latest(system, integration.serviceId(), env);
            if (latest.isPresent() && !latest.get().version().equals(version)
                    && deployments.deployedBefore(system, integration.serviceId(), env, version)) {
                rollbackOf = latest.get().id();
            }
        }
        Deployment recorded = deployments.recordReported(system, new DeploymentService.Report(integration.serviceId(), version, env,
                commits, started, finished, result, rollbackOf, ChangeKind.NORMAL, null));
        if (result == Deployment.Result.SUCCESS) {
            waiting.forEach(em::remove); // shipped: the next deployment starts from newer commits
        }
        return new Outcome(event, (rollbackOf != null ? "rollback" : result == Deployment.Result.SUCCESS ? "deployment" : "failed deployment")
                + " of " + version + " to " + env + " with " + commits.size() + " commit(s)", recorded.id());
    }

    private long waiting(Integration integration, JsonArray commits, String idField, String timeField) {
        if (commits.size() > MAX_COMMITS) {
            throw InvalidRequestException.ofField("invalid-payload", "commits", "holds at most " + MAX_COMMITS);
        }
        long added = 0;
        Instant now = clock.instant();
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidRequestException.ofField("invalid-payload", "commits[" + i + "]", "must be an object");
            }
            JsonObject commit = commits.getJsonObject(i);
            String sha = required(commit, idField, "commits[" + i + "]." + idField);
            if (!sha.matches("[0-9a-f]{7,64}")) {
                throw InvalidRequestException.ofField("invalid-payload", "commits[" + i + "]." + idField, "is not a commit id");
            }
            Instant at = time(commit, timeField, "commits[" + i + "]." + timeField);
            boolean known = !em.createQuery("select c.id from PushedCommit c where c.integrationId = :integration and c.sha = :sha", UUID.class)
                    .setParameter("integration", integration.id()).setParameter("sha", sha).getResultList().isEmpty();
            if (!known) {
                em.persist(new PushedCommit(integration, sha, at.isAfter(now) ? now : at, now));
                added++;
            }
        }
        return added;
    }

    private static String versionOf(String ref, String sha) {
        String shortSha = sha.length() > 12 ? sha.substring(0, 12) : sha;
        return ref == null || ref.isBlank() || ref.equals(sha) ? shortSha : AlertPayloads.shorten(ref, 80) + "@" + shortSha;
    }

    private static boolean sameRepository(Integration integration, String repository) {
        return repository != null && repository.equalsIgnoreCase(integration.repository());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static JsonObject object(JsonObject payload, String field) {
        JsonValue value = payload.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidRequestException.ofField("invalid-payload", field, "is required");
        }
        return value.asJsonObject();
    }

    private static JsonArray array(JsonObject payload, String field) {
        JsonValue value = payload.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InvalidRequestException.ofField("invalid-payload", field, "must be a list");
        }
        return value.asJsonArray();
    }

    private static String path(JsonObject payload, String object, String field) {
        JsonValue value = payload.get(object);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? AlertPayloads.text(value.asJsonObject(), field) : null;
    }

    private static String required(JsonObject object, String field, String path) {
        String value = AlertPayloads.text(object, field);
        if (value == null || value.isBlank() || value.length() > 200) {
            throw InvalidRequestException.ofField("invalid-payload", path, "is required");
        }
        return value;
    }

    private static Instant time(JsonObject object, String field, String path) {
        try {
            return OffsetDateTime.parse(required(object, field, path)).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.ofField("invalid-payload", path, "is not an ISO 8601 time with an offset");
        }
    }

    /** GitLab writes "2021-04-28 21:50:00 +0200" in places; ISO 8601 elsewhere. */
    private static Instant gitlabTime(JsonObject object, String field) {
        String text = required(object, field, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx")).toInstant();
            } catch (DateTimeParseException again) {
                throw InvalidRequestException.ofField("invalid-payload", field, "is not a time GitLab writes");
            }
        }
    }
}
