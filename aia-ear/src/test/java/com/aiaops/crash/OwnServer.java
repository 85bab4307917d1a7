package com.aiaops.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * A WildFly of a test's own, apart from the suite's Arquillian server: the server the build made, a base directory
 * of its own (configuration copied, our EAR deployed), a port offset, and system properties (the database). It can
 * be killed with kill -9 and started again on the same data.
 */
final class OwnServer {
    static final Path HOME = Path.of(System.getProperty("jboss.home"));

    final String name;
    final int offset;
    final Path base;
    private final List<String> properties;
    private Process launcher;

    OwnServer(String name, int offset, String... properties) {
        this.name = name;
        this.offset = offset;
        this.base = Path.of(System.getProperty("aia.it.server.base")).resolveSibling(name);
        this.properties = List.of(properties);
    }

    /** The properties that put a server on a PostgreSQL database of this machine. */
    static String[] onPostgres(String database) {
        return new String[] {"-Daia.db.driver=postgresql", "-Daia.db.url=" + OwnPostgres.url(database), "-Daia.db.user=postgres",
                "-Daia.db.password=postgres"};
    }

    /** System properties of several kinds, as one list. */
    static String[] properties(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /** Drops and creates a PostgreSQL database, so that a server starts on nothing. */
    static void recreateDatabase(String database) throws Exception {
        try (Connection c = OwnPostgres.connect("postgres");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
    }

    /** Where this node's JGroups TCP transport listens (7600 + offset), as TCPPING's initial hosts name it. */
    String jgroupsAddress() {
        return "127.0.0.1[" + (7600 + offset) + "]";
    }

    String api() {
        return "http://127.0.0.1:" + (8080 + offset) + "/api/v1";
    }

    Path backups() {
        return base.resolve("data/backups");
    }

    /** An empty base directory: the built server's configuration and our EAR, nothing else. */
    OwnServer fresh() throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(HOME.resolve("standalone/configuration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve("configuration").resolve(f.getFileName()));
            }
        }
        Path ear = Path.of(System.getProperty("aia.ear.file"));
        Files.copy(ear, base.resolve("deployments").resolve(ear.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Starts the server and waits until it is ready (database and caches UP). */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/standalone.sh").toString(), "-c", "standalone-ha.xml",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.node.name=" + name,
                "-Daia.platform.operator-organization=platform-ops", "-Daia.data.dir=" + base.resolve("data")));
        if (properties.stream().noneMatch(p -> p.startsWith("-Daia.cluster.hosts="))) {
            command.add("-Daia.cluster.hosts=" + jgroupsAddress()); // a cluster of one
        }
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_PIDFILE", base.resolve("server.pid").toString());
        builder.environment().remove("JAVA_OPTS");
        launcher = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await(Duration.ofSeconds(240), () -> {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + offset) + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return ready.body().contains("\"UP\"") && !ready.body().contains("\"DOWN\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** kill -9 of the server's JVM (the pid the start script wrote), then of the script. */
    void kill() throws IOException {
        Path pidFile = base.resolve("server.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
            Files.deleteIfExists(pidFile); // the start script may have removed it as the JVM died
        }
        if (launcher != null) {
            launcher.destroyForcibly();
        }
    }

    /** An operation on the batch-jberet resource of our EAR's batch module, as jboss-cli would run it; its result. */
    ModelNode batchOperation(String operation, Consumer<ModelNode> parameters, String... path) throws IOException {
        String[] address = new String[path.length + 6];
        System.arraycopy(new String[] {"deployment", "aia-ops.ear", "subdeployment", "aia-batch.jar", "subsystem", "batch-jberet"}, 0, address, 0, 6);
        System.arraycopy(path, 0, address, 6, path.length);
        return operation(operation, parameters, address);
    }

    /** A management operation on the resource at the address (pairs of type and name), as jboss-cli would run it; its result. */
    ModelNode operation(String operation, Consumer<ModelNode> parameters, String... path) throws IOException {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1", 9990 + offset)) {
            ModelNode op = new ModelNode();
            op.get("operation").set(operation);
            ModelNode address = op.get("address").setEmptyList();
            for (int i = 0; i < path.length; i += 2) {
                address.add(path[i], path[i + 1]);
            }
            parameters.accept(op);
            ModelNode result = client.execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new AssertionError(operation + " failed: " + result);
            }
            return result.get("result");
        }
    }

    /** Starts the restore job through the management API, as an operator with jboss-cli would; its batch and exit status. */
    List<String> runRestore(String backup) throws Exception {
        long execution = batchOperation("start-job", op -> {
            op.get("job-xml-name").set("restore");
            op.get("properties").get("backup").set(backup);
        }).asLong();
        String[] status = new String[2];
        await(Duration.ofSeconds(180), () -> {
            ModelNode node;
            try {
                node = batchOperation("read-resource", op -> op.get("include-runtime").set(true), "job", "restore", "execution", Long.toString(execution));
            } catch (AssertionError notYetListed) {
                return false;
            }
            status[0] = node.get("batch-status").asString();
            status[1] = node.get("exit-status").asString();
            return status[0].equals("COMPLETED") || status[0].equals("FAILED");
        });
        return List.of(status[0], status[1]);
    }

    /** Copies the files of a directory (a backup) into another, made if absent. */
    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The cluster view this node's JGroups channel sees, e.g. "[node-a|1] (2) [node-a, node-b]". */
    String clusterView() throws IOException {
        return operation("read-attribute", op -> op.get("name").set("view"), "subsystem", "jgroups", "channel", "ee").asString();
    }

    /** What a test needs on a fresh installation: an organisation's ADMIN key, an INGEST key and its service "checkout". */
    record Organization(String adminKey, String ingestKey, String serviceId) {
    }

    /**
     * Signs an organisation up (its founder's password is the given one), issues an ADMIN key through the founder's
     * session, registers the service "checkout" and issues an INGEST key.
     */
    Organization signUp(String slug, String email, String password) {
        var signup = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("organizationSlug", slug,
                "organizationName", slug, "email", email, "displayName", "Operator", "password", password)).post(api() + "/signups").then().statusCode(201)
                .extract();
        String adminKey = io.restassured.RestAssured.given().cookie("JSESSIONID", signup.cookie("JSESSIONID")).header("X-Requested-With", "test")
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("name", "admin", "scope", "ADMIN")).post(api() + "/api-keys")
                .then().statusCode(201).extract().path("token");
        String serviceId = as(adminKey).body(java.util.Map.of("slug", "checkout", "displayName", "Checkout", "ownerTeam", "payments", "tier", "PRO"))
                .post(api() + "/services").then().statusCode(201).extract().path("id");
        String ingestKey = as(adminKey).body(java.util.Map.of("name", "ingest", "scope", "INGEST")).post(api() + "/api-keys").then().statusCode(201)
                .extract().path("token");
        return new Organization(adminKey, ingestKey, serviceId);
    }

    /** A JSON request with an API key. */
    static io.restassured.specification.RequestSpecification as(String key) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + key).contentType(io.restassured.http.ContentType.JSON);
    }

    /** A count from a PostgreSQL database of this machine, for a query with one timestamp parameter. */
    static long count(String database, String sql, java.time.Instant since) throws java.sql.SQLException {
        try (Connection c = OwnPostgres.connect(database);
             var query = c.prepareStatement(sql)) {
            query.setTimestamp(1, java.sql.Timestamp.from(since));
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(250);
        }
    }
}
