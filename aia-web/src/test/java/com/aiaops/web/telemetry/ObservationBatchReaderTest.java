package com.aiaops.web.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.web.telemetry.TelemetryResource.ObservationBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The observation batch reader held to the general binding it replaces ({@link BindingAgreement}) on bodies written by a
 * generator with the forms clients send (and some they should not), then changed a character or a byte at a time.
 */
class ObservationBatchReaderTest {
    static final String[] TIMES = {"2026-12-06T10:15:30Z", "2026-12-06T10:15:30.5Z", "2026-12-06T10:15:30.123456789Z",
            "2026-12-06T11:15:30+01:00", "2026-12-06T10:15:30.25-05:30", "2026-12-06t10:15:30z", "2026-12-06T10:15Z",
            "2026-02-29T10:15:30Z", "2024-02-29T10:15:30Z", "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00",
            "9999-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "2026-12-06T10:15:30+18:00", "2026-12-06T10:15:30+19:00",
            "2026-12-06T24:00:00Z", "2026-12-06T10:15:30", "", "yesterday", "2026-12-06T10:15:30.1234567891Z"};
    static final String[] NUMBERS = {"200", "503", "2e2", "200.0", "200.5", "-0", "0", "1e400", "-1e-400", "1E2", "99999999999",
            "2147483648", "-2147483649", "12.25", "-12.5", "-0.0", "123456789012345678.5", "0.1234567890123456789", "9007199254740993", "3600000", "0.000001", "1e-7", "1e99999999999", "-922E3372036854775808", "1e-99999999999", "\"200\"", "true", "null", "[]", "{}"};
    private static final String[] OUTCOMES = {"\"GOOD\"", "\"BAD\"", "\"good\"", "\"\"", "null", "1", "\"GOOD \""};
    static final String[] SERVICES = {"\"checkout\"", "\"\"", "null", "\"a\\u0000b\"", "\"caf\\u00e9\"", "\"tab\\there\"", "7",
            "\"\\ud83d\\ude00\"", "\"x\\u007fy\""};

    private static String body(Random random, int items) {
        StringBuilder json = new StringBuilder(random.nextInt(8) == 0 ? " { \"observations\" : [ " : "{\"observations\":[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                json.append(random.nextBoolean() ? "," : " ,\n ");
            }
            if (random.nextInt(40) == 0) {
                json.append("null");
                continue;
            }
            json.append('{');
            boolean first = true;
            for (String field : List.of("service", "timestamp", "status", "outcome", "latencyMs", "extra")) {
                boolean present = field.equals("extra") ? random.nextInt(60) == 0 : random.nextInt(6) != 0;
                if (present) {
                    json.append(first ? "" : ",").append('"').append(field).append("\":").append(value(random, field));
                    first = false;
                }
            }
            json.append('}');
        }
        return json.append(random.nextInt(8) == 0 ? " ] }\n" : "]}").toString();
    }

    private static String value(Random random, String field) {
        boolean usual = random.nextInt(4) != 0;
        return switch (field) {
            case "service" -> usual ? "\"checkout\"" : SERVICES[random.nextInt(SERVICES.length)];
            case "timestamp" -> "\"" + (usual ? TIMES[random.nextInt(4)] : TIMES[random.nextInt(TIMES.length)]) + "\"";
            case "status" -> usual ? (random.nextInt(100) < 3 ? "503" : "200") : NUMBERS[random.nextInt(NUMBERS.length)];
            case "outcome" -> OUTCOMES[random.nextInt(OUTCOMES.length)];
            case "latencyMs" -> usual ? String.valueOf(Math.round(Math.exp(3.5 + random.nextGaussian()) * 10) / 10.0)
                    : NUMBERS[random.nextInt(NUMBERS.length)];
            default -> "1";
        };
    }

    private static final BindingAgreement<ObservationBatch> READERS = new BindingAgreement<>(ObservationBatch.class, new ObservationBatchReader());

    private static void agree(String body) {
        READERS.agree(body);
    }

    @Test
    void generated_batches_are_read_as_the_binding_reads_them() {
        Random random = new Random(20);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = body(random, 1 + random.nextInt(4));
            agree(body);
            accepted += READERS.byBinding(body.getBytes(StandardCharsets.UTF_8)).refusal() == null ? 1 : 0;
        }
        assertTrue(accepted > 2_000 && accepted < 18_000, "both kinds of body were tried: " + accepted + " accepted");
    }

    @Test
    void batches_changed_a_character_at_a_time_are_read_as_the_binding_reads_them() {
        Random random = new Random(21);
        for (int i = 0; i < 20_000; i++) {
            agree(BindingAgreement.changedCharacters(random, body(random, 1 + random.nextInt(3))));
        }
    }

    @Test
    void batches_with_changed_bytes_are_decoded_and_read_as_the_binding_reads_them() {
        Random random = new Random(22);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = BindingAgreement.changedBytes(random, body(random, 1 + random.nextInt(3)).replace("checkout", "caf\u00e9-\u20ac-\ud83d\ude00"));
            READERS.agree(body, new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void bodies_that_are_not_a_batch_are_refused_like_the_binding_refuses_them() {
        for (String body : List.of("{}", "{\"observations\":null}", "{\"observations\":[]}", "[]", "null", "1", "\"x\"", "{\"observations\":{}}",
                "{\"observations\":[1]}", "{\"observations\":[[]]}", "{\"other\":[]}", "{\"observations\":[{}]}",
                "{\"observations\":[{\"status\":200,\"status\":201}]}", "{\"observations\":[{\"service\":{\"a\":1}}]}",
                "{\"observations\":[{\"latencyMs\":[1,2]}]}", "{\"observations\":[", "{\"observations\":[]", "{\"observations\":[]}}",
                "  ", "{\"observations\":[{\"status\":200}]} {", "\ufeff{\"observations\":[]}")) {
            agree(body);
        }
        READERS.agree(new byte[] {'{', '"', 'o', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, "invalid UTF-8");
        READERS.agree("{\"observations\":[{\"service\":\"b\u00ff\"}]}".getBytes(StandardCharsets.ISO_8859_1), "Latin-1 bytes");
    }

    @Test
    void an_empty_body_is_no_batch_and_a_refused_value_is_named_by_its_item() throws Exception {
        assertNull(READERS.byReader(new byte[0]).value());
        InvalidRequestException refused = assertInstanceOf(InvalidRequestException.class,
                READERS.byReader("{\"observations\":[{\"status\":200},{\"status\":200.5}]}".getBytes(StandardCharsets.UTF_8)).refusal());
        assertEquals("observations[1].status", refused.violations().get(0).field());
        refused = assertInstanceOf(InvalidRequestException.class,
                READERS.byReader("{\"observations\":[{\"timestamp\":\"2026-02-30T00:00:00Z\"}]}".getBytes(StandardCharsets.UTF_8)).refusal());
        assertEquals("observations[0].timestamp", refused.violations().get(0).field());
        assertTrue(refused.getMessage().contains("ISO-8601"), refused.getMessage());
        refused = assertThrows(InvalidRequestException.class, () -> {
            throw READERS.byReader(("{\"observations\":[{\"" + "x".repeat(500) + "\":1}]}").getBytes(StandardCharsets.UTF_8)).refusal();
        });
        assertTrue(refused.violations().get(0).field().length() < 80, "a long unknown name is clipped: " + refused.violations().get(0).field());
    }
}
