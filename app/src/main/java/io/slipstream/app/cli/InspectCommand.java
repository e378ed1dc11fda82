package io.slipstream.app.cli;

import io.slipstream.app.inspect.PacketSummary;
import io.slipstream.app.json.Json;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.inspect.DataFormatRegistry;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.atlaskafka.inspect.Violation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** {@code slipstream inspect}: decodes what is on Kafka for a data source, and checks it against the rules. */
@Command(name = "inspect", description = {
        "Read a data source's topics from Kafka and print one line per packet: stream, partition or topic, offset,",
        "id, type, session and a summary (rows: count, first and last time, parameters; events: event, time, values). --check verifies the session rules of ARCHITECTURE.md on what was read",
        "and exits 1 naming each violation. --follow keeps printing packets as they land, until Ctrl-C, --duration",
        "or --max-packets."})
public final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaReadOptions kafka;

    @Option(names = "--data-source", paramLabel = "DS", defaultValue = "Slipstream", description = "Data source (default: ${DEFAULT-VALUE}).")
    String dataSource;

    @Option(names = "--session", paramLabel = "KEY", description = "Only this session's packets.")
    String session;

    @Option(names = "--follow", description = "Keep reading new packets until Ctrl-C (or --duration, --max-packets).")
    boolean follow;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "With --follow: stop following after this long (e.g. 30s, for scripts).")
    Duration duration;

    @Option(names = "--max-packets", paramLabel = "N",
            description = "With --follow: stop after printing N packets.")
    Long maxPackets;

    @Option(names = "--json", description = "One JSON object per packet instead of text.")
    boolean json;

    @Option(names = "--check", description = {"Verify the session rules on what was read (order, configuration, blocks, rows,",
            "events, split configurations, markers, ids); exit 1 naming each violation."})
    boolean check;

    /** Data-format ids learnt from the definitions read, before the --session filter (they have no session). */
    private final DataFormatRegistry formats = new DataFormatRegistry();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaConnection connection;
        try {
            connection = kafka.connection(root.environment().env());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String bootstrap = kafka.bootstrap();
        Map<String, Integer> mappings = kafka.mappings();
        if (follow) {
            if (check) {
                err.println("--check needs a finite read; it cannot be combined with --follow");
                return ExitCodes.USAGE;
            }
            if (maxPackets != null && maxPackets < 1) {
                err.println("--max-packets must be 1 or more, not " + maxPackets);
                return ExitCodes.USAGE;
            }
            return follow(out, err, connection);
        }
        if (duration != null || maxPackets != null) {
            err.println("--duration and --max-packets bound a --follow; without --follow inspect reads what is there and ends");
            return ExitCodes.USAGE;
        }
        List<LandedPacket> all;
        List<LandedPacket> packets;
        try {
            all = new KafkaPacketReader().readAll(connection, dataSource, mappings);
            all.forEach(p -> formats.observe(p.packet()));
            packets = all.stream().filter(this::selected).toList();
        } catch (KafkaException e) {
            err.println("error: cannot read data source '" + dataSource + "' from Kafka at " + bootstrap + ": "
                    + e.getMessage() + " (is a broker running there? 'slipstream serve' runs the embedded one)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        packets.forEach(p -> print(out, p));
        out.println(packets.size() + " packet(s) read from " + bootstrap + " for data source '" + dataSource + "'"
                + (session != null ? ", session " + session : ""));
        out.flush();
        if (!check) {
            return ExitCodes.OK;
        }
        // Every record, not only the session's: the checker resolves data-format ids through the Stream API's
        // definitions, which have no session, and picks the session's records itself.
        List<Violation> violations = new SessionRuleChecker().check(all, session);
        for (Violation v : violations) {
            err.println("VIOLATION " + v.rule() + ": stream '" + v.stream() + "' offset " + v.offset() + " packet id "
                    + v.packetId() + ": " + v.message());
        }
        if (violations.isEmpty()) {
            out.println("check: every rule holds on " + packets.size() + " packet(s)");
            out.flush();
            return ExitCodes.OK;
        }
        err.println("check: " + violations.size() + " violation(s)");
        err.flush();
        return ExitCodes.FAILURE;
    }

    private int follow(PrintWriter out, PrintWriter err, KafkaConnection connection) throws InterruptedException {
        String bootstrap = kafka.bootstrap();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicLong printed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (GracefulShutdown shutdown = GracefulShutdown.install(root.environment(), stop::countDown, Duration.ofSeconds(5))) {
            Flux<LandedPacket> packets = new KafkaPacketReader().follow(connection, dataSource, kafka.mappings())
                    .doOnNext(p -> formats.observe(p.packet())).filter(this::selected);
            Disposable d = (maxPackets != null ? packets.take(maxPackets) : packets)
                    .subscribe(p -> {
                        print(out, p);
                        printed.incrementAndGet();
                    }, e -> {
                        failure.set(e);
                        stop.countDown();
                    }, stop::countDown);
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            d.dispose();
            Throwable e = failure.get();
            if (e != null) {
                err.println("error: following data source '" + dataSource + "' on " + bootstrap + " failed after "
                        + printed.get() + " packet(s): " + e.getMessage());
                err.flush();
                return shutdown.finish(ExitCodes.FAILURE);
            }
            synchronized (this) {
                out.println(printed.get() + " packet(s) followed from " + bootstrap + " for data source '" + dataSource + "'"
                        + (session != null ? ", session " + session : ""));
                out.flush();
            }
            return shutdown.finish(ExitCodes.OK);
        }
    }

    private boolean selected(LandedPacket p) {
        return session == null || session.equals(p.key()) || (p.packet() != null && session.equals(p.packet().getSessionKey()));
    }

    private synchronized void print(PrintWriter out, LandedPacket p) {
        if (p.packet() == null) {
            out.printf("%-10s %s/%d@%d not a Packet (%d bytes)%n", p.stream(), p.topic(), p.partition(), p.offset(),
                    p.rawValue() == null ? 0 : p.rawValue().length);
            out.flush();
            return;
        }
        Map<String, Object> summary = PacketSummary.of(p.packet(), formats);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stream", p.stream());
            m.put("topic", p.topic());
            m.put("partition", p.partition());
            m.put("offset", p.offset());
            m.put("id", p.packet().getId());
            m.put("type", p.packet().getType());
            m.put("session", p.packet().getSessionKey());
            m.put("essential", p.packet().getIsEssential());
            m.put("summary", summary);
            out.println(Json.write(m));
        } else {
            out.printf("%-10s %s/%d@%d id=%d %s session=%s %s%n", p.stream().isEmpty() ? "(main)" : p.stream(),
                    p.topic(), p.partition(), p.offset(), p.packet().getId(), p.packet().getType(),
                    p.packet().getSessionKey(), PacketSummary.text(summary));
        }
        out.flush();
    }
}
