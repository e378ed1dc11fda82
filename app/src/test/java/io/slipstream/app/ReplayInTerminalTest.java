package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream replay lap.ibt --realtime} as a person runs it: in a pseudo-terminal made by util-linux's
 * {@code script}, 100 columns wide, in a JVM of its own; then what it wrote is played into JLine's VT100 emulator
 * and the screen read. The file's 6.5 s at the recorded rate give the status line some twenty redraws.
 */
class ReplayInTerminalTest {

    private static final int COLUMNS = 100;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    @Test
    void theStatusLineUpdatesInPlaceAndTheSummaryFollowsIt() throws Exception {
        Path ibt = lap();
        Process p = replayInTerminal(ibt, "TerminalReplay");
        byte[] raw = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the replay ended");
        String output = new String(raw, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);

        List<String> rows = screen(output);
        String text = String.join("\n", rows);
        List<String> statusRows = rows.stream().filter(r -> r.startsWith("lap.ibt: ")).toList();
        // One line, redrawn in place: the screen holds only its last drawing, at the end of the file.
        assertEquals(1, statusRows.size(), text);
        assertTrue(statusRows.get(0).startsWith("lap.ibt: 0:06 of 0:06 (100%), 0:00 left, "), statusRows.get(0));
        assertTrue(statusRows.get(0).length() < COLUMNS, "the line fits the terminal: " + statusRows.get(0));
        assertTrue(text.contains("Pipeline 'lap.ibt' ended cleanly"), text);
        assertTrue(rows.indexOf(statusRows.get(0)) < rows.indexOf(rows.stream()
                .filter(r -> r.startsWith("Pipeline 'lap.ibt' ended")).findFirst().orElseThrow()), text);
        assertTrue(text.contains("  block: size "), "the start-up text: " + text);

        // Along the way it was drawn many times, each time with the progress of that moment.
        Matcher m = Pattern.compile("lap\\.ibt: 0:0\\d of 0:06 \\((\\d+)%\\)").matcher(output);
        TreeSet<Integer> percents = new TreeSet<>();
        while (m.find()) {
            percents.add(Integer.parseInt(m.group(1)));
        }
        assertTrue(percents.size() >= 5 && percents.first() < 50 && percents.last() == 100, percents.toString());
        assertTrue(output.contains("\u001b[1A"), "redrawn by moving the cursor up, not by scrolling");
    }

    @Test
    void ctrlCSaysItIsEndingTheSessionCleanlyAndTheSummaryFollows() throws Exception {
        Path ibt = lap();
        Process p = replayInTerminal(ibt, "TerminalStop");
        StringBuffer output = new StringBuffer();
        CountDownLatch early = new CountDownLatch(1);
        Pattern earlyLine = Pattern.compile("lap\\.ibt: 0:0\\d of 0:06 \\([0-3]?\\d%\\)");
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (earlyLine.matcher(output).find()) {
                        early.countDown();
                    }
                }
            } catch (IOException e) {
                output.append("\n[read failed: ").append(e).append(']');
            }
        });
        reader.start();
        assertTrue(early.await(90, TimeUnit.SECONDS), "a status line under 40% was drawn: " + output);
        ProcessHandle java = p.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow();
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(java.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "it ended after Ctrl-C: " + output);
        reader.join(10_000);
        assertEquals(0, p.exitValue(), "a clean stop exits 0: " + output);
        List<String> rows = screen(output.toString());
        String text = String.join("\n", rows);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("Ctrl-C: ending the session cleanly, ")), text);
        assertTrue(text.contains("Pipeline 'lap.ibt' ended cleanly"), text);
        Matcher received = Pattern.compile("samples: ([\\d,]+) received").matcher(text);
        assertTrue(received.find(), text);
        long samples = Long.parseLong(received.group(1).replace(",", ""));
        assertTrue(samples > 0 && samples < 390 * 26, "stopped part way through the file's 390 rows: " + samples);
    }

    private static Path lap() throws IOException {
        Path ibt = dir.resolve("lap.ibt");
        if (!Files.exists(ibt)) {
            try (InputStream in = ReplayInTerminalTest.class.getResourceAsStream("/ibt/teamjorge_valid_test_file.ibt")) {
                Files.copy(in, ibt);
            }
        }
        return ibt;
    }

    /** Starts {@code slipstream replay FILE --realtime} in a JVM of its own, in a pseudo-terminal. */
    private static Process replayInTerminal(Path ibt, String dataSource) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script makes the pseudo-terminal");
        Files.createDirectories(dir.resolve("plugins"));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.slipstream.app.Main"));
        java.addAll(Arrays.asList(STACK.with(dir.resolve("plugins"), "replay", ibt.toString(), "--realtime",
                "--data-source", dataSource)));
        String command = "stty cols " + COLUMNS + " rows 60; exec " + java.stream().map(ReplayInTerminalTest::quote)
                .collect(Collectors.joining(" "));
        return new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    /** @return the rows of a 60-row screen after {@code output} was written to it, right-trimmed */
    private static List<String> screen(String output) {
        ScreenTerminal screen = new ScreenTerminal(COLUMNS, 60);
        screen.write(output);
        return Arrays.stream(screen.toString().split("\n")).map(String::stripTrailing).toList();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
