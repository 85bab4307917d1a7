package com.aiaops.tenancy;

import java.util.Map;
import java.util.UUID;

/**
 * Sends the e-mail of an invitation. Tenancy owns the question; the notification capability answers it (through its
 * durable outbox), so that tenancy needs nothing of notification.
 */
public interface InvitationLetters {
    void send(UUID organizationId, String email, String subject, Map<String, Object> details, UUID invitationId);
}
