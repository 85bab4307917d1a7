package com.aiaops.web.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.web.telemetry.TelemetryResource.MinuteBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pre-counted minute batch reader held to the general binding it replaces ({@link BindingAgreement}) on generated
 * bodies (counts at and past a long's range, latencies as lists, nulls and other values), then changed a character or a
 * byte at a time.
 */
class MinuteBatchReaderTest {
    private static final BindingAgreement<MinuteBatch> READERS = new BindingAgreement<>(MinuteBatch.class, new MinuteBatchReader());
    private static final String[] COUNTS = {"1000", "997", "0", "-1", "1e3", "1000.0", "1.5", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "123456789012345678", "1234567890123456789", "\"7\"", "null", "true", "[]"};
    private static final String[] MINUTES = {"2026-12-06T10:15:00Z", "2026-12-06T10:15:00.000Z", "2026-12-06T11:15:00+01:00"};

    private static String body(Random random, int items) {
        StringBuilder json = new StringBuilder("{\"minutes\":[");
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : random.nextBoolean() ? "," : " ,\n ");
            if (random.nextInt(40) == 0) {
                json.append("null");
                continue;
            }
            json.append('{');
            String separator = "";
            for (String field : List.of("service", "minute", "total", "good", "latencies", "extra")) {
                boolean present = field.equals("extra") ? random.nextInt(60) == 0 : random.nextInt(7) != 0;
                if (present) {
                    json.append(separator).append('"').append(field).append("\":").append(value(random, field));
                    separator = random.nextBoolean() ? "," : " , ";
                }
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static String value(Random random, String field) {
        boolean usual = random.nextInt(4) != 0;
        return switch (field) {
            case "service" -> usual ? "\"checkout\"" : ObservationBatchReaderTest.SERVICES[random.nextInt(ObservationBatchReaderTest.SERVICES.length)];
            case "minute" -> "\"" + (usual ? MINUTES[random.nextInt(MINUTES.length)]
                    : ObservationBatchReaderTest.TIMES[random.nextInt(ObservationBatchReaderTest.TIMES.length)]) + "\"";
            case "total", "good" -> usual ? String.valueOf(random.nextInt(2000)) : COUNTS[random.nextInt(COUNTS.length)];
            case "latencies" -> latencies(random, usual);
            default -> "1";
        };
    }

    private static String latencies(Random random, boolean usual) {
        if (!usual && random.nextInt(3) == 0) {
            return List.of("null", "{}", "1", "\"5\"", "[1]", "[null]", "[[]]").get(random.nextInt(7));
        }
        StringBuilder list = new StringBuilder("[");
        for (int i = random.nextInt(4); i > 0; i--) {
            list.append(list.length() > 1 ? "," : "").append("{\"ms\":")
                    .append(usual ? String.valueOf(5 * (1 + random.nextInt(12))) : ObservationBatchReaderTest.NUMBERS[random.nextInt(ObservationBatchReaderTest.NUMBERS.length)])
                    .append(",\"count\":").append(usual ? String.valueOf(1 + random.nextInt(100)) : COUNTS[random.nextInt(COUNTS.length)])
                    .append(random.nextInt(30) == 0 ? ",\"le\":5" : "").append('}');
        }
        return list.append(']').toString();
    }

    @Test
    void generated_batches_are_read_as_the_binding_reads_them() {
        Random random = new Random(30);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = body(random, 1 + random.nextInt(4));
            READERS.agree(body);
            accepted += READERS.byBinding(body.getBytes(StandardCharsets.UTF_8)).refusal() == null ? 1 : 0;
        }
        assertTrue(accepted > 2_000 && accepted < 18_000, "both kinds of body were tried: " + accepted + " accepted");
    }

    @Test
    void batches_changed_a_character_or_a_byte_at_a_time_are_read_as_the_binding_reads_them() {
        Random random = new Random(31);
        for (int i = 0; i < 20_000; i++) {
            READERS.agree(BindingAgreement.changedCharacters(random, body(random, 1 + random.nextInt(3))));
            byte[] bytes = BindingAgreement.changedBytes(random, body(random, 1 + random.nextInt(3)).replace("checkout", "caf\u00e9-\u20ac"));
            READERS.agree(bytes, new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void a_refused_value_is_named_by_its_place() {
        for (String[] refused : List.of(new String[] {"\"total\":1.5", "minutes[1].total"}, new String[] {"\"good\":9223372036854775808", "minutes[1].good"},
                new String[] {"\"latencies\":[{\"ms\":5,\"count\":1},{\"ms\":\"5\",\"count\":1}]", "minutes[1].latencies[1].ms"},
                new String[] {"\"latencies\":[{\"ms\":5,\"count\":1,\"le\":5}]", "minutes[1].latencies[0].le"},
                new String[] {"\"latencies\":[7]", "minutes[1].latencies[0]"}, new String[] {"\"latencies\":{}", "minutes[1].latencies"})) {
            String body = "{\"minutes\":[{\"service\":\"a\",\"minute\":\"2026-12-06T10:15:00Z\",\"total\":1,\"good\":1},"
                    + "{\"service\":\"a\",\"minute\":\"2026-12-06T10:15:00Z\"," + refused[0] + "}]}";
            InvalidRequestException refusal = assertInstanceOf(InvalidRequestException.class, READERS.byReader(body.getBytes(StandardCharsets.UTF_8)).refusal());
            assertEquals(refused[1], refusal.violations().get(0).field(), body);
        }
    }
}
