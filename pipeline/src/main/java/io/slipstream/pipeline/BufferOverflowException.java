package io.slipstream.pipeline;

/** The buffer between source and pipeline overflowed under {@link OverflowPolicy#FAIL}. */
public final class BufferOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param capacity the buffer size in samples
     * @param cause    the overflow signal from Reactor
     */
    public BufferOverflowException(int capacity, Throwable cause) {
        super("the buffer of " + capacity + " samples between source and pipeline is full and overflow policy is"
                + " 'fail': downstream did not keep up with the source (choose drop-oldest or drop-newest to keep"
                + " going, or a larger overflow.buffer)", cause);
    }
}
