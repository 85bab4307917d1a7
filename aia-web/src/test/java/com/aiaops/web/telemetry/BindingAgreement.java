package com.aiaops.web.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.web.platform.JsonbConfigurator;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A body reader held to the general binding it replaces for one type: on every body both accept the same value or both
 * refuse (the reader's refusal is a 400 either way: a named field, or a body that is not JSON). One difference is meant:
 * the binding reads the body's first JSON value and ignores what follows; the reader refuses such a body.
 */
final class BindingAgreement<T> {
    private static final Jsonb BINDING = new JsonbConfigurator().getContext(Object.class);
    private final Class<T> type;
    private final MessageBodyReader<T> reader;

    BindingAgreement(Class<T> type, MessageBodyReader<T> reader) {
        this.type = type;
        this.reader = reader;
    }

    /** The outcome of one reading: the value, or the refusal. */
    record Read<T>(T value, RuntimeException refusal) {
    }

    Read<T> byBinding(byte[] body) {
        try {
            return new Read<>(BINDING.fromJson(new ByteArrayInputStream(body), type), null);
        } catch (RuntimeException e) {
            return new Read<>(null, e);
        }
    }

    Read<T> byReader(byte[] body) {
        try {
            return new Read<>(reader.readFrom(type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body)), null);
        } catch (RuntimeException e) {
            return new Read<>(null, e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    void agree(String body) {
        agree(body.getBytes(StandardCharsets.UTF_8), body);
    }

    void agree(byte[] bytes, String shown) {
        Read<T> expected = byBinding(bytes);
        Read<T> actual = byReader(bytes);
        if (expected.refusal() == null) {
            if (actual.refusal() instanceof JsonException && !isOneJsonValue(bytes)) {
                return;
            }
            if (actual.refusal() != null) {
                fail("the binding accepts what the reader refuses (" + actual.refusal() + "): " + shown);
            }
            assertEquals(expected.value(), actual.value(), shown);
        } else {
            if (actual.refusal() == null) {
                fail("the reader accepts what the binding refuses (" + expected.refusal() + "): " + shown);
            }
            assertTrue(actual.refusal() instanceof InvalidRequestException || actual.refusal() instanceof JsonException,
                    actual.refusal() + " for " + shown);
        }
    }

    /** {@code body} changed a character at a time (1 to 3 changes) from a JSON-ish alphabet, raw control characters too. */
    static String changedCharacters(Random random, String body) {
        String alphabet = "{}[]\":,0123456789.eE-+ \\utnlfrsaZT\u00e9\n\t\u0001";
        StringBuilder changed = new StringBuilder(body);
        for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
            int at = random.nextInt(changed.length());
            switch (random.nextInt(3)) {
                case 0 -> changed.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> changed.deleteCharAt(at);
                default -> changed.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return changed.toString();
    }

    /** {@code body}'s UTF-8 bytes with one or two replaced at random, half of them by bytes that are not ASCII. */
    static byte[] changedBytes(Random random, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int changes = 1 + random.nextInt(2); changes > 0; changes--) {
            bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(128) : random.nextInt(128));
        }
        return bytes;
    }

    private static boolean isOneJsonValue(byte[] body) {
        try (jakarta.json.stream.JsonParser parser = jakarta.json.Json.createParser(new ByteArrayInputStream(body))) {
            parser.next();
            parser.getValue(); // the whole first value
            return !parser.hasNext(); // throws at anything but white space after it
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }
}
