package io.slipstream.view;

/**
 * A request the view cannot answer, with the HTTP status that says why and a message that names what was asked
 * and what was expected.
 */
public final class ViewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the HTTP status @param message what was wrong */
    public ViewException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @param status the HTTP status @param message what was wrong @param cause the cause */
    public ViewException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @param message what was asked for @return a 400 */
    public static ViewException badRequest(String message) {
        return new ViewException(400, message);
    }

    /** @param message what was not found @return a 404 */
    public static ViewException notFound(String message) {
        return new ViewException(404, message);
    }

    /** @param message what cannot be reached @param cause the cause @return a 503 */
    public static ViewException unavailable(String message, Throwable cause) {
        return new ViewException(503, message, cause);
    }
}
