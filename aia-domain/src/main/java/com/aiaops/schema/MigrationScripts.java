package com.aiaops.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts of one database, as {@code db/migration/<database>/migrations.list} names them. Flyway cannot
 * list a directory inside a deployment on WildFly (its class-path scanner finds nothing in a VFS archive), so the
 * scripts are named in a list; {@code MigrationScriptsTest} fails the build when the list and the directory disagree.
 */
final class MigrationScripts implements ResourceProvider {
    static final String ROOT = "db/migration/";
    static final String LIST = "migrations.list";

    private final ClassLoader classLoader;
    private final String directory;
    private final List<Script> scripts = new ArrayList<>();

    MigrationScripts(ClassLoader classLoader, String database) {
        this.classLoader = classLoader;
        this.directory = ROOT + database + "/";
        try (InputStream list = classLoader.getResourceAsStream(directory + LIST)) {
            if (list == null) {
                throw new IllegalStateException("no migrations for the database " + database + ": " + directory + LIST + " is missing");
            }
            for (String line : new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8)).lines().toList()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    scripts.add(new Script(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names in the list, in its order. */
    List<String> names() {
        return scripts.stream().map(Script::getFilename).toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream().filter(s -> s.getFilename().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream().filter(s -> s.getFilename().startsWith(prefix) && Arrays.stream(suffixes).anyMatch(s.getFilename()::endsWith))
                .map(LoadableResource.class::cast).toList();
    }

    private final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream content = classLoader.getResourceAsStream(getAbsolutePath());
            if (content == null) {
                throw new IllegalStateException(getAbsolutePath() + " is named in " + LIST + " but is not there");
            }
            return new InputStreamReader(content, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return directory + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
