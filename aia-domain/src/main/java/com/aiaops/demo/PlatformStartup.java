package com.aiaops.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs start-up work once the persistence unit (and so the schema) is ready. */
@Singleton
@Startup
@jakarta.ejb.DependsOn("SchemaMigrations") // the schema first
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PlatformStartup {
    private static final Logger LOG = Logger.getLogger(PlatformStartup.class);
    private final AtomicBoolean completed = new AtomicBoolean();

    @Inject
    @ConfigProperty(name = "aia.demo.enabled", defaultValue = "false")
    boolean demoEnabled;

    @Inject
    DemoData demoData;

    @Inject
    com.aiaops.observability.StartupSignal startupSignal;

    @PostConstruct
    void start() {
        if (demoEnabled) {
            demoData.loadIfAbsent();
        }
        completed.set(true);
        startupSignal.markStarted();
        LOG.info("AIA Ops started");
    }

    public boolean completed() {
        return completed.get();
    }
}
