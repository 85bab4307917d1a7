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
 * other than tab, line feed and carriage return (a NUL would otherwise reach the database, which refuses it there).
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
        return new CsvText(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
            check((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int from, int length) throws IOException {
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
