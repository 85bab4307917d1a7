package com.aiaops.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An escalation policy as data: ordered steps, each paging its targets and waiting its delay before the
 * next step, the whole list repeated {@code repeats} more times; after the last step the last one stays.
 */
public record EscalationPlan(List<Step> steps, int repeats) {
    public enum TargetType { MEMBER, SCHEDULE }

    public record Target(TargetType type, UUID id) {
    }

    public record Step(Duration delay, List<Target> targets) {
        public Step {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("each step waits a positive delay before escalating");
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("each step pages at least one target");
            }
            targets = List.copyOf(targets);
        }
    }

    public EscalationPlan {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a policy has at least one step");
        }
        if (repeats < 0 || repeats > 9) {
            throw new IllegalArgumentException("repeats must be from 0 to 9");
        }
        steps = List.copyOf(steps);
    }

    /** Where an unacknowledged incident triggered at {@code triggeredAt} stands at {@code at}. */
    public Position positionAt(Instant triggeredAt, Instant at) {
        Instant stepStart = triggeredAt;
        int total = steps.size() * (repeats + 1);
        for (int n = 0; n < total; n++) {
            Step step = steps.get(n % steps.size());
            Instant next = stepStart.plus(step.delay());
            if (at.isBefore(next) || n == total - 1) {
                boolean last = n == total - 1;
                return new Position(n % steps.size(), n / steps.size(), step.targets(), stepStart, last ? null : next, last);
            }
            stepStart = next;
        }
        throw new IllegalStateException("unreachable: the last step always matches");
    }

    /**
     * The step in force: {@code stepIndex} in the list, {@code loop} how many times round; {@code nextEscalationAt}
     * null once the policy is exhausted (its last step stays).
     */
    public record Position(int stepIndex, int loop, List<Target> targets, Instant since, Instant nextEscalationAt,
                           boolean exhausted) {
    }
}
