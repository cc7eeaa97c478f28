package org.recsysbook.serving;

/**
 * A request the service refuses: it names the parameter, the value it got and what is allowed, and the HTTP layer
 * answers it with 400 and a JSON error carrying the same three.
 */
public final class BadRequestException extends IllegalArgumentException {
    private final String parameter;
    private final String value;
    private final String allowed;

    public BadRequestException(String parameter, Object value, String allowed) {
        super(parameter + " must be " + allowed + ", got " + value);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /** The parameter at fault. */
    public String parameter() {
        return parameter;
    }

    /** The value it had, as text. */
    public String value() {
        return value;
    }

    /** What it may be. */
    public String allowed() {
        return allowed;
    }
}
