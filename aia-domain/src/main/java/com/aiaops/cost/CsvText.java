package com.aiaops.cost;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of an uploaded CSV file, refusing what is not text: bytes that are not UTF-8, and control characters
 * other than tab, line feed and carriage return (a NUL would otherwise reach the database, which refuses it there). A
 * byte order mark at the start (what spreadsheets write before a UTF-8 CSV) is not part of the text: left as it was, it
 * would be part of the first column's name, and the file's first column would be missing.
 */
final class CsvText extends FilterReader {
    /** Thrown while reading: the file is binary or not UTF-8. */
    static final class NotText extends IOException {
        NotText(String message) {
            super(message);
        }
    }

    private long offset;

    private CsvText(Reader in) {
        super(in);
    }

    static Reader of(InputStream bytes) {
        return new CsvText(new java.io.PushbackReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1));
    }

    private boolean started;

    /** Once, before the first character: a byte order mark is skipped. */
    private void skipByteOrderMark() throws IOException {
        if (started) {
            return;
        }
        started = true;
        int first;
        try {
            first = in.read();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new NotText("the file is not UTF-8 text (near character 0)");
        }
        if (first >= 0 && first != '\uFEFF') {
            ((java.io.PushbackReader) in).unread(first);
        }
    }

    @Override
    public int read() throws IOException {
        skipByteOrderMark();
        int c = in.read();
        if (c >= 0) {
            check((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int from, int length) throws IOException {
        skipByteOrderMark();
        int n;
        try {
            n = in.read(buffer, from, length);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new NotText("the file is not UTF-8 text (near character " + offset + ")");
        }
        for (int i = from; i < from + Math.max(n, 0); i++) {
            check(buffer[i]);
        }
        return n;
    }

    private void check(char c) throws NotText {
        offset++;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
            throw new NotText("the file holds a control character (code " + (int) c + ") at character " + offset
                    + "; it is not a CSV text file");
        }
    }
}
