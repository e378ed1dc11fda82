package io.slipstream.iracing.layout;

/**
 * The bytes do not follow the iRacing layout: the message names the input, the byte offset and what was
 * expected there.
 */
public class LayoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final long offset;

    /**
     * @param where   the input (file name, "shared memory")
     * @param offset  the absolute byte offset of the bad field
     * @param problem what was found and what was expected
     */
    public LayoutException(String where, long offset, String problem) {
        super(where + " at offset " + offset + ": " + problem);
        this.where = where;
        this.offset = offset;
    }

    /** @return the input the error is in */
    public String where() {
        return where;
    }

    /** @return the absolute byte offset of the bad field */
    public long offset() {
        return offset;
    }
}
