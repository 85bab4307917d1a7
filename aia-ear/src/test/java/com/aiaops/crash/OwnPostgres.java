package com.aiaops.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the tests' own: Debian's server binaries (installed by the build when missing), a cluster
 * made under the build directory, on a port of its own, started on first use and stopped when the test JVM ends.
 * The tests with servers of their own keep their databases here, so they never touch — let alone stop — a
 * PostgreSQL of the machine. PostgreSQL refuses to run as root: as root, its commands run as the user postgres,
 * which Debian's package creates.
 */
final class OwnPostgres {
    static final int PORT = Integer.getInteger("aia.it.own-postgres.port", 15432);
    private static final Path HOME = Path.of(System.getProperty("aia.it.server.base")).resolveSibling("own-postgres");
    private static final Path DATA = HOME.resolve("data");
    private static final Path LOG = HOME.resolve("server.log");
    private static boolean started;

    private OwnPostgres() {
    }

    /** The JDBC URL of a database of this server. */
    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    /** A connection to a database of this server, started first if this is the first use. */
    static Connection connect(String database) throws SQLException {
        ensureStarted();
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    private static synchronized void ensureStarted() {
        if (!started) {
            try {
                create();
                start();
            } catch (Exception e) {
                throw new IllegalStateException("the tests' own PostgreSQL did not start; see " + LOG, e);
            }
            started = true;
            Runtime.getRuntime().addShutdownHook(new Thread(OwnPostgres::stopQuietly));
        }
    }

    /** Starts the server and waits until it accepts connections. */
    static void start() throws Exception {
        run(bin("pg_ctl"), "-D", DATA.toString(), "-l", LOG.toString(), "-w", "-t", "60", "-o",
                "-p " + PORT + " -c listen_addresses=127.0.0.1 -k " + HOME + " -c fsync=off -c max_connections=200", "start");
        OwnServer.await(Duration.ofSeconds(30), OwnPostgres::accepting);
    }

    /** Stops the server (fast shutdown: sessions are cut, as in an outage) and waits until it is gone. */
    static void stop() throws Exception {
        run(bin("pg_ctl"), "-D", DATA.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    static boolean accepting() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/postgres", "postgres", "postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("the tests' own PostgreSQL did not stop: " + e.getMessage());
        }
    }

    /** A new cluster (trust authentication on loopback only), replacing one an earlier run left behind. */
    private static void create() throws Exception {
        if (Files.exists(DATA.resolve("postmaster.pid"))) {
            run(bin("pg_ctl"), "-D", DATA.toString(), "-m", "immediate", "-w", "stop"); // an earlier run's, killed before its hook ran
        }
        if (Files.exists(HOME)) {
            try (Stream<Path> files = Files.walk(HOME)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(HOME);
        if (asRoot()) {
            run("chown", "postgres:postgres", HOME.toString());
        }
        run(bin("initdb"), "-D", DATA.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
    }

    /** The newest installed PostgreSQL's program of that name (Debian keeps each major version under /usr/lib/postgresql). */
    private static String bin(String program) throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable)
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql (Debian's postgresql)"))
                    .toString();
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (asRoot() && !command[0].equals("chown")) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
        }
    }
}
