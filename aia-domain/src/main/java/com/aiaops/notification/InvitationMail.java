package com.aiaops.notification;

import com.aiaops.tenancy.InvitationLetters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** Invitations go out as e-mail through the outbox, retried like every other message. */
@ApplicationScoped
public class InvitationMail implements InvitationLetters {
    @Inject
    NotificationService notifications;

    @Override
    public void send(UUID organizationId, String email, String subject, Map<String, Object> details, UUID invitationId) {
        notifications.toAddress(organizationId, ChannelType.EMAIL, email, new Message("member.invitation", subject, details,
                "member-invitation", invitationId), null);
    }
}
