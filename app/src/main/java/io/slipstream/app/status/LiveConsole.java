package io.slipstream.app.status;

import io.slipstream.app.json.Json;
import io.slipstream.app.run.PipelineStatus;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live status of the running pipelines, drawn for the {@link OutputMode}: on a terminal, one line per pipeline
 * redrawn in place (cursor up, rewrite, erase the rest: one write per redraw, so nothing flickers) with messages
 * (warnings, errors, a stop notice) printed above it; otherwise a log line or a JSON object per pipeline per
 * reading. Each line is cut to the terminal's width, since a wrapped line would make the next redraw climb too few
 * lines. Thread-safe: the timer redraws while the log and the Ctrl-C handler write messages.
 */
public final class LiveConsole {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConsole.class);
    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final OutputMode mode;
    private final IntSupplier width;
    private final LongSupplier nanoTime;
    private final Map<String, PipelineStatus> previous = new HashMap<>();
    private List<String> drawn = List.of();
    private long previousNanos;
    private String heading;
    private boolean stopping;
    private final PrintWriter chatter;

    /**
     * @param out      where the status goes
     * @param mode     how it is drawn
     * @param width    the terminal's columns now (read at each redraw: the window may be resized)
     * @param nanoTime the clock rates are measured with
     */
    public LiveConsole(PrintWriter out, OutputMode mode, IntSupplier width, LongSupplier nanoTime) {
        this.out = out;
        this.mode = mode;
        this.width = width;
        this.nanoTime = nanoTime;
        this.previousNanos = nanoTime.getAsLong();
        this.chatter = switch (mode) {
            case QUIET -> new PrintWriter(Writer.nullWriter());
            case JSON -> new PrintWriter(new JsonLinesWriter(out), true);
            default -> out;
        };
    }

    /**
     * @return where the command's other words go (start-up text, hints): the output itself, nothing with
     *         {@code --quiet}, one JSON object per line with {@code --log-format json}
     */
    public PrintWriter chatter() {
        return chatter;
    }

    /**
     * Ctrl-C was pressed: from now on the live lines are headed by what is still to send; elsewhere it is said once.
     *
     * @param statuses every pipeline's status now
     */
    public synchronized void stopping(List<PipelineStatus> statuses) {
        stopping = true;
        if (mode == OutputMode.TERMINAL) {
            update(statuses); // at once: the sessions may end before the next redraw
        } else {
            LOG.warn("{}", StopNotice.ending(statuses));
        }
    }

    /**
     * A second Ctrl-C: says what is lost, above the live lines, before the process stops.
     *
     * @param statuses every pipeline's status now
     */
    public synchronized void forced(List<PipelineStatus> statuses) {
        String text = StopNotice.lost(statuses);
        if (mode == OutputMode.TERMINAL) {
            message(text);
        } else {
            LOG.error("{}", text);
        }
    }

    /** @return how it draws */
    public OutputMode mode() {
        return mode;
    }

    /**
     * @param text a line shown above every pipeline's line, e.g. {@code file 2 of 3} or a stop notice; null for none
     */
    public synchronized void heading(String text) {
        this.heading = text;
    }

    /**
     * Takes a reading and shows it.
     *
     * @param statuses every pipeline's status now
     */
    public synchronized void update(List<PipelineStatus> statuses) {
        update(statuses, false);
    }

    /**
     * Takes the last reading: its rates are over each pipeline's whole run (a rate over the last quarter second of a
     * run that has ended says nothing), and it stays on screen.
     *
     * @param statuses every pipeline's status now
     */
    public synchronized void last(List<PipelineStatus> statuses) {
        update(statuses, true);
    }

    private void update(List<PipelineStatus> statuses, boolean wholeRun) {
        long now = nanoTime.getAsLong();
        long elapsed = now - previousNanos;
        List<String> lines = new ArrayList<>();
        if (mode == OutputMode.TERMINAL && (stopping || heading != null)) {
            lines.add(stopping ? StopNotice.ending(statuses) : heading);
        }
        for (PipelineStatus s : statuses) {
            List<StatusLine.Fact> facts = wholeRun ? StatusLine.facts(s, null, s.runningNanos())
                    : StatusLine.facts(s, previous.get(s.name()), elapsed);
            switch (mode) {
                case TERMINAL -> lines.add(StatusLine.line(s.name(), facts, width.getAsInt()));
                case PLAIN -> LOG.info("{}", StatusLine.line(s.name(), facts, Integer.MAX_VALUE));
                case JSON -> out.println(Json.write(StatusLine.json(s.name(), facts)));
                case QUIET -> { }
            }
            previous.put(s.name(), s);
        }
        previousNanos = now;
        if (mode == OutputMode.TERMINAL) {
            StringBuilder sb = new StringBuilder();
            erase(sb);
            draw(sb, lines);
            out.print(sb);
        }
        out.flush();
    }

    /**
     * Shows a message: on a terminal above the live lines, which are drawn again beneath it.
     *
     * @param text one or more lines
     */
    public synchronized void message(String text) {
        if (mode != OutputMode.TERMINAL) {
            out.println(text);
            out.flush();
            return;
        }
        StringBuilder sb = new StringBuilder();
        List<String> keep = drawn;
        erase(sb);
        for (String line : text.split("\\R", -1)) {
            sb.append('\r').append(line).append(ESC).append('K').append('\n');
        }
        draw(sb, keep);
        out.print(sb);
        out.flush();
    }

    /** Stops drawing in place: the last lines stay on screen and what is printed next goes beneath them. */
    public synchronized void finish() {
        drawn = List.of();
        out.flush();
    }

    /** Moves the cursor to the start of the live lines and erases them and everything below. */
    private void erase(StringBuilder sb) {
        if (!drawn.isEmpty()) {
            sb.append(ESC).append(drawn.size()).append('A');
        }
        sb.append('\r').append(ESC).append('J');
        drawn = List.of();
    }

    private void draw(StringBuilder sb, List<String> lines) {
        int room = Math.max(8, width.getAsInt() - 1);
        List<String> cut = new ArrayList<>(lines.size());
        for (String line : lines) {
            String l = line.length() > room ? line.substring(0, room) : line;
            cut.add(l);
            sb.append('\r').append(l).append(ESC).append('K').append('\n');
        }
        drawn = List.copyOf(cut);
    }
}
