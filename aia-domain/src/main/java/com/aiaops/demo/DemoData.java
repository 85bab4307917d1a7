package com.aiaops.demo;

import com.aiaops.catalog.ServiceCatalog;
import com.aiaops.catalog.Tier;
import com.aiaops.tenancy.ApiKeyService;
import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.OrganizationService;
import com.aiaops.access.Role;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo organisation "acme": a few services, an ADMIN with a generated password and an ADMIN API
 * key. Loaded once; the credentials go to a file only the owner can read, which the run command prints.
 */
@ApplicationScoped
public class DemoData {
    static final String SLUG = "acme";
    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    TenancyRepository tenancy;

    @Inject
    OrganizationService organizations;

    @Inject
    ServiceCatalog catalog;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    com.aiaops.statuspage.StatusComponents statusPage;

    @Inject
    @ConfigProperty(name = "aia.demo.credentials-file")
    Optional<String> credentialsFile;

    /**
     * Creates the organisation (the platform's work, like any sign-up), then fills it from inside it, each step its
     * own transaction: the demo is made the way a member would make it.
     */
    public void loadIfAbsent() {
        if (tenancy.organizationBySlug(SLUG).isPresent()) {
            LOG.info("Demo organisation already present: kept as it is");
            return;
        }
        String email = "admin@acme.example";
        String password = randomSecret();
        Member admin = organizations.signUp(SLUG, "Acme Corp", email, "Acme Admin", password);
        OrganizationScope.within(admin.organizationId(), () -> fill(admin, email, password));
        LOG.info("Demo organisation 'acme' loaded");
    }

    private void fill(Member admin, String email, String password) {
        Caller caller = new Caller(admin.organizationId(), Role.ADMIN, Caller.ActorKind.MEMBER, admin.id());
        var checkout = catalog.register(caller, "checkout-api", "Checkout API", "payments-team", Tier.ENTERPRISE, "Takes orders and payments");
        var search = catalog.register(caller, "search", "Product search", "discovery-team", Tier.PRO, "Full-text product search");
        var notifications = catalog.register(caller, "notifications", "Notifications", "platform-team", Tier.STANDARD, "E-mail and push notifications");
        // The public status page shows the three, at /status/acme.
        statusPage.add(caller, checkout.id(), "Checkout", 1);
        statusPage.add(caller, search.id(), "Search", 2);
        statusPage.add(caller, notifications.id(), "Notifications", 3);
        String token = apiKeys.issue(caller, "demo admin key", Role.ADMIN, null, null).token();
        writeCredentials(email, password, token);
    }

    private void writeCredentials(String email, String password, String token) {
        if (credentialsFile.isEmpty()) {
            LOG.warn("aia.demo.credentials-file is not set: the demo credentials cannot be shown");
            return;
        }
        Path file = Path.of(credentialsFile.get());
        String text = "organization=acme\nemail=" + email + "\npassword=" + password + "\napiKey=" + token + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo credentials to " + file, e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
