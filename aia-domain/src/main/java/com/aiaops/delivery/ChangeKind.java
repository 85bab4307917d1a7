package com.aiaops.delivery;

/** Why a change ships: the error-budget policy lets P0 fixes and security fixes through a release freeze. */
public enum ChangeKind {
    NORMAL, P0_FIX, SECURITY_FIX;

    public boolean exemptFromFreeze() {
        return this != NORMAL;
    }
}
