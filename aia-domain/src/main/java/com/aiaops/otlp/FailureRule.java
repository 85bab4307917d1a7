package com.aiaops.otlp;

/** When a request reported through OTLP spends the error budget. 4xx never does: the client erred. */
public enum FailureRule {
    /** An HTTP status of 500 or more, or an error the instrumentation recorded (span status ERROR, {@code error.type}). */
    SERVER_ERROR_OR_ERROR_STATUS,
    /** Only an HTTP status of 500 or more. */
    SERVER_ERROR,
    /** Only an error the instrumentation recorded (span status ERROR; {@code error.type} on metrics). */
    ERROR_STATUS;

    /** {@code status}: the HTTP response status, or null when none was recorded. */
    public boolean isBad(Long status, boolean errorRecorded) {
        boolean serverError = status != null && status >= 500;
        return switch (this) {
            case SERVER_ERROR_OR_ERROR_STATUS -> serverError || errorRecorded;
            case SERVER_ERROR -> serverError;
            case ERROR_STATUS -> errorRecorded;
        };
    }
}
