package com.aiaops.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/** Set by the application once its start-up work is done; read by the start-up probe. */
@ApplicationScoped
public class StartupSignal {
    private final AtomicBoolean started = new AtomicBoolean();

    public void markStarted() {
        started.set(true);
    }

    public boolean started() {
        return started.get();
    }
}
