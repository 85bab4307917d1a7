/**
 * On-call: schedules with a rotation (members taking turns of a fixed length, handing off at a local time
 * in the schedule's time zone, so DST never moves the hand-off), overrides, "who is on call at T", and the
 * shifts over a period with gaps and empty shifts flagged; iCalendar feeds of a schedule or a person at secret,
 * revocable addresses.
 */
package com.aiaops.oncall;
