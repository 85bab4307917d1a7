package com.aiaops.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is on call over [start, end). {@code member} is null for a gap (nobody at all); {@code empty} marks a
 * shift whose member can no longer be reached (no longer a member of the organisation).
 */
public record Shift(Instant start, Instant end, UUID member, boolean override, boolean gap, boolean empty) {
}
