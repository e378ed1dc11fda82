package io.slipstream.app.logging;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * A writer that passes each string written through a hider (the config's {@code EnvValues::hide}) so that no value
 * substituted from the environment reaches the terminal, whatever prints it: start-up text, the status line, the
 * summary with its failure reasons. Values are hidden within one write, which is how every line is printed here.
 */
public final class HidingWriter extends FilterWriter {

    private final UnaryOperator<String> hide;

    /**
     * @param out  where the text goes
     * @param hide rewrites a piece of text with every substituted value replaced by its {@code ${VAR}}
     */
    public HidingWriter(Writer out, UnaryOperator<String> hide) {
        super(out);
        this.hide = hide;
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        String text = hide.apply(str.substring(off, off + len));
        out.write(text, 0, text.length());
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len), 0, len);
    }
}
