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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo organisation "acme": three services on the status page, an ADMIN with a generated password and an ADMIN
 * API key, and {@link DemoStory its 30 days of history}; {@link DemoFleet} keeps it alive. Loaded once; the credentials
 * go to a file only the owner can read, which the run command prints.
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

    @Inject
    DemoStory story;

    /** How to sign in to a demo organisation: its ADMIN's e-mail and password, and an ADMIN API key. */
    public record Credentials(String organization, String email, String password, String apiKey) {
    }

    /** Loads the demo organisation "acme" unless it exists, and writes its credentials for the run command to print. */
    public void loadIfAbsent() {
        if (tenancy.organizationBySlug(SLUG).isPresent()) {
            LOG.info("Demo organisation already present: kept as it is");
            return;
        }
        Credentials credentials = load(SLUG, "Acme Corp", "acme.example");
        writeCredentials(credentials);
        LOG.info("Demo organisation 'acme' loaded");
    }

    /**
     * Creates the organisation (the platform's work, like any sign-up), then fills it from inside it, each step its
     * own transaction: the demo is made the way a member would make it.
     */
    public Credentials load(String slug, String name, String emailDomain) {
        String email = "admin@" + emailDomain;
        String password = randomSecret();
        Member admin = organizations.signUp(slug, name, email, name + " Admin", password);
        String token = OrganizationScope.within(admin.organizationId(), () -> fill(admin, slug, emailDomain));
        return new Credentials(slug, email, password, token);
    }

    private String fill(Member admin, String slug, String emailDomain) {
        Caller caller = new Caller(admin.organizationId(), Role.ADMIN, Caller.ActorKind.MEMBER, admin.id());
        var checkout = catalog.register(caller, "checkout-api", "Checkout API", "payments-team", Tier.ENTERPRISE, "Takes orders and payments");
        var search = catalog.register(caller, "search", "Product search", "discovery-team", Tier.PRO, "Full-text product search");
        var notifications = catalog.register(caller, "notifications", "Notifications", "platform-team", Tier.STANDARD, "E-mail and push notifications");
        // The public status page shows the three, at /status/{slug}.
        statusPage.add(caller, checkout.id(), "Checkout", 1);
        statusPage.add(caller, search.id(), "Search", 2);
        statusPage.add(caller, notifications.id(), "Notifications", 3);
        String token = apiKeys.issue(caller, "demo admin key", Role.ADMIN, null, null).token();
        story.tell(caller, slug, admin, emailDomain, List.of(checkout, search, notifications));
        return token;
    }

    private void writeCredentials(Credentials c) {
        if (credentialsFile.isEmpty()) {
            LOG.warn("aia.demo.credentials-file is not set: the demo credentials cannot be shown");
            return;
        }
        Path file = Path.of(credentialsFile.get());
        String text = "organization=" + c.organization() + "\nemail=" + c.email() + "\npassword=" + c.password() + "\napiKey=" + c.apiKey() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo credentials to " + file, e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
