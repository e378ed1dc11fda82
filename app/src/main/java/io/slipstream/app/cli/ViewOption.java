package io.slipstream.app.cli;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.app.view.ViewServer;
import io.slipstream.atlaskafka.client.KafkaConnection;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --view [PORT]} on {@code run}, {@code replay} and {@code serve}: the view page beside the work, on
 * loopback, reading the Kafka the work writes to. Its address is printed when it is up.
 */
public final class ViewOption {

    /** The view's default port. */
    static final String DEFAULT_PORT = "8080";

    @Option(names = "--view", arity = "0..1", paramLabel = "PORT", fallbackValue = DEFAULT_PORT,
            description = "Serve the view page (traces, laps, checks, live) on http://127.0.0.1:PORT/ while this runs "
                    + "(PORT default " + DEFAULT_PORT + "; 0 = any free port).")
    Integer port;

    /** @return whether {@code --view} was given */
    boolean wanted() {
        return port != null;
    }

    /**
     * @param bootstrap  the Kafka the work writes to
     * @param dataSource the data source to open the page on, or null
     * @param out        where to print the address
     * @return the running view, or null when {@code --view} was not given
     */
    ViewServer start(String bootstrap, String dataSource, PrintWriter out) {
        return start(bootstrap == null ? null : KafkaConnection.plaintext(bootstrap), dataSource, out);
    }

    /**
     * @param bootstrap  the Kafka the work writes to and how to talk to it, or null when none is known
     * @param dataSource the data source to open the page on, or null
     * @param out        where to print the address
     * @return the running view, or null when {@code --view} was not given
     */
    ViewServer start(KafkaConnection bootstrap, String dataSource, PrintWriter out) {
        if (port == null) {
            return null;
        }
        if (bootstrap == null) {
            throw new IllegalStateException("--view reads Kafka, but no Kafka address is known: give --kafka HOST:PORT "
                    + "with --stream-api, or leave both out to use the embedded stack");
        }
        ViewServer view = ViewServer.start(bootstrap, Map.of("Stream1", 1, "Stream2", 2), AppHttpServer.LOOPBACK, port);
        out.println("View: " + view.address(dataSource) + " (reading Kafka at " + bootstrap.bootstrapServers() + ")");
        out.flush();
        return view;
    }

    /** @param view a view started by {@link #start}, or null */
    static void stop(ViewServer view) {
        if (view != null) {
            view.close();
        }
    }
}
