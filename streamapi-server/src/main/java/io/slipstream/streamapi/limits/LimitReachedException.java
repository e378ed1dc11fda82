package io.slipstream.streamapi.limits;

/** A client asked for more than a {@link io.slipstream.streamapi.ServerLimits} limit allows; answered RESOURCE_EXHAUSTED. */
public final class LimitReachedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which limit, its value, and what the client can do */
    public LimitReachedException(String message) {
        super(message);
    }
}
