package io.slipstream.csv;

/**
 * Any other CSV (TrackAddict/RaceRender with {@code #} lines, EdgeTX/OpenTX, plain {@code Time,...} files,
 * {@code ;} with decimal comma): header on the first line that is not a comment, everything else detected.
 */
record PlainFormat() implements LogFormat {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public boolean matches(Head head) {
        return true;
    }

    @Override
    public FileShape shape(Head head) {
        return FileShape.plain(name());
    }
}
