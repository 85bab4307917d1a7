package com.aiaops.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server of the tests' own (src/test/tools/own-postgres.sh: Debian's server binaries, which the build
 * installs when missing), a cluster made under the build directory, on a port of its own, started on first use and
 * stopped when the test JVM ends. The tests with servers of their own keep their databases here, so they never touch
 * — let alone stop — a PostgreSQL of the machine.
 */
final class OwnPostgres {
    static final int PORT = Integer.getInteger("aia.it.own-postgres.port", 15432);
    private static final Path HOME = Path.of(System.getProperty("aia.it.server.base")).resolveSibling("own-postgres");
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
        script("start", HOME.toString(), Integer.toString(PORT));
        OwnServer.await(Duration.ofSeconds(30), OwnPostgres::accepting);
    }

    /** Stops the server (fast shutdown: sessions are cut, as in an outage) and waits until it is gone. */
    static void stop() throws Exception {
        script("stop", HOME.toString());
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
            System.getLogger(OwnPostgres.class.getName()).log(System.Logger.Level.WARNING, "the tests' own PostgreSQL did not stop", e);
        }
    }

    /** A new cluster, replacing one an earlier run left behind. */
    private static void create() throws Exception {
        script("create", HOME.toString());
    }

    /** src/test/tools/own-postgres.sh, which the PostgreSQL suite's build uses too. */
    private static void script(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("src/test/tools/own-postgres.sh").toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
