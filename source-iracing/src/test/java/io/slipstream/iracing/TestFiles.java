package io.slipstream.iracing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real iRacing files under {@code src/test/resources/ibt} (teamjorge/ibt, Apache-2.0; licence beside them). */
public final class TestFiles {

    /** Disk .ibt: 390 rows, W13 at Red Bull Ring, in the pit stall. */
    public static final String VALID = "teamjorge_valid_test_file.ibt";
    /** Raw dump of the live shared memory, 3 buffers, newest tick 2005. */
    public static final String MEMDUMP = "teamjorge_live_test_file.memdump.ibt";
    /** A truncated fragment that starts inside a var header. */
    public static final String INVALID = "teamjorge_invalid_test_file.ibt";

    private TestFiles() {
    }

    /** @param name a file name above @return its path */
    public static Path path(String name) {
        URL url = TestFiles.class.getResource("/ibt/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource ibt/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
