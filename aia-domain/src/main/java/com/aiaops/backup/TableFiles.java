package com.aiaops.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The table files of a backup: {@code <table>.csv.gz}, a header row of column names, then one CSV record per row
 * (values from {@link RowCodec}). A file may hold several gzip members (one per written chunk, so a restarted job
 * can cut the file back to its last checkpoint); readers see one stream.
 */
public final class TableFiles {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

    private TableFiles() {
    }

    public static Path file(Path directory, String table) {
        return directory.resolve(table + ".csv.gz");
    }

    /** Escapes a value so that only the null marker reads back as null. */
    public static String escape(String value) {
        return value.startsWith("\\") && !value.equals(RowCodec.NULL) ? "\\" + value : value;
    }

    public static String unescape(String value) {
        return value.startsWith("\\\\") ? value.substring(1) : value;
    }

    /** Writes records (already escaped) as CSV text to {@code out}. */
    public static void writeRecords(Writer out, List<List<String>> records) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        for (List<String> record : records) {
            printer.printRecord(record);
        }
        printer.flush();
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest md = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the uncompressed content of a table file. */
    public static String contentSha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), md)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rows of a table file (header first), unescaped; returns how many data rows there were. */
    public static long read(Path file, Consumer<List<String>> header, Consumer<List<String>> row) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16); CSVParser parser = FORMAT.parse(reader)) {
            long rows = 0;
            boolean first = true;
            for (CSVRecord record : parser) {
                List<String> values = record.stream().map(TableFiles::unescape).toList();
                if (first) {
                    header.accept(values);
                    first = false;
                } else {
                    row.accept(values);
                    rows++;
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
