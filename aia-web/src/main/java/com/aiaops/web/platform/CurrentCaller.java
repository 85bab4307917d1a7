package com.aiaops.web.platform;

import com.aiaops.access.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as established by {@link AuthenticationFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public boolean present() {
        return caller != null;
    }

    /** The caller; resource methods are only reached with one (or are {@link Public}). */
    public Caller get() {
        if (caller == null) {
            throw new jakarta.ws.rs.NotAuthorizedException("Bearer realm=\"aia-ops\"");
        }
        return caller;
    }
}
