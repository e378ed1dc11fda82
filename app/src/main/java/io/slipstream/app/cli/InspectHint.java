package io.slipstream.app.cli;

import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.streamapi.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Tells the user, after a run, how to look at what it wrote. */
final class InspectHint {

    private InspectHint() {
    }

    /**
     * @param out             where to print
     * @param outcomes        the pipelines' outcomes
     * @param embeddedDataDir the embedded stack's data folder, or null when the run wrote elsewhere
     * @param embeddedKafka   the Kafka port the embedded stack was given (9092, another, 0 = any), for the
     *                        {@code serve} line; unused without {@code embeddedDataDir}
     * @param kafka           the Kafka the run wrote to, when not the embedded stack's, or null
     */
    static void print(PrintWriter out, List<PipelineOutcome> outcomes, Path embeddedDataDir, int embeddedKafka, String kafka) {
        // A pipeline that failed before its session was created wrote nothing to look at.
        List<PipelineOutcome> wrote = outcomes.stream().filter(o -> o.status().sink().sessionKey() != null).toList();
        if (wrote.isEmpty()) {
            return;
        }
        out.println();
        out.println("To look at the data:");
        String bootstrap = kafka != null ? kafka : embeddedDataDir == null ? "<kafka host:port>"
                : embeddedKafka == 0 ? "<the kafka address serve prints>" : "localhost:" + embeddedKafka;
        if (embeddedDataDir != null) {
            out.println("  slipstream serve --data-dir " + embeddedDataDir
                    + (embeddedKafka == StackOptions.DEFAULT_KAFKA_PORT ? "" : " --kafka-port " + embeddedKafka)
                    + "      (in another terminal: serves what this run stored)");
        }
        for (PipelineOutcome o : wrote) {
            out.println("  slipstream inspect --bootstrap " + bootstrap + " --data-source " + o.status().dataSource()
                    + " --session " + o.status().sink().sessionKey() + " --check");
        }
        String source = wrote.get(0).status().dataSource();
        out.println("  slipstream view --bootstrap " + bootstrap + " --data-source " + source
                + "      (traces, laps and checks in a browser at http://127.0.0.1:8080/)");
        if (embeddedDataDir != null) {
            out.println("  or point ATLAS (or its recorder) at Kafka " + bootstrap + " while 'slipstream serve' runs.");
        }
        out.flush();
    }
}
