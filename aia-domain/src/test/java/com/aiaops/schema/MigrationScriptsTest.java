package com.aiaops.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration lists name every script of their directory, in version order, and both databases have the same versions. */
class MigrationScriptsTest {
    private static final Path SOURCES = Path.of("src/main/resources/db/migration");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void the_list_names_every_script_of_the_directory_oldest_first_without_gaps(String database) throws IOException {
        List<String> listed = new MigrationScripts(getClass().getClassLoader(), database).names();
        List<String> inDirectory;
        try (Stream<Path> files = Files.list(SOURCES.resolve(database))) {
            inDirectory = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertEquals(inDirectory.stream().sorted().toList(), listed.stream().sorted().toList(), "migrations.list of " + database);
        for (int i = 0; i < listed.size(); i++) {
            Matcher name = NAME.matcher(listed.get(i));
            assertTrue(name.matches(), listed.get(i) + " is not named V<version>__<what>.sql");
            assertEquals(i + 1, Integer.parseInt(name.group(1)), listed.get(i) + " is not version " + (i + 1));
            assertTrue(new MigrationScripts(getClass().getClassLoader(), database).getResource(listed.get(i)).read() != null);
        }
    }

    @Test
    void both_databases_have_the_same_migrations() {
        assertEquals(new MigrationScripts(getClass().getClassLoader(), "h2").names(),
                new MigrationScripts(getClass().getClassLoader(), "postgresql").names());
    }
}
