package io.slipstream.view;

import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.view.index.DataSourceIndex;
import io.slipstream.view.index.SessionIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * What the page and scripts ask, answered from a cache per data source: the first request for a data source
 * starts one live read of it (from the beginning, then following), which folds records into a
 * {@link DataSourceIndex}; later requests read the index. Verdicts of ended sessions are computed once, by the
 * same checker as {@code inspect --check}, and kept.
 */
public final class ViewService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewService.class);

    private final PacketSource source;
    private final Duration catchUp;
    private final Map<String, DataSourceIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, Disposable> reads = new ConcurrentHashMap<>();
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /**
     * @param source  where to read
     * @param catchUp how long a first request waits for what was already there to be read
     */
    public ViewService(PacketSource source, Duration catchUp) {
        this.source = source;
        this.catchUp = catchUp;
    }

    /** @return the data sources found */
    public List<String> dataSources() {
        return source.dataSources();
    }

    /** @return where it reads from */
    public String describe() {
        return source.describe();
    }

    /**
     * @param dataSource a data source
     * @return its index, caught up with what was there when it was first asked for (or as far as it got within
     * the catch-up bound)
     * @throws ViewException 404 for an unknown data source, 503 when Kafka cannot be reached
     */
    public DataSourceIndex index(String dataSource) {
        DataSourceIndex index = indexes.get(dataSource);
        if (index != null && index.failure().isPresent()) {
            LOG.warn("Reading data source {} had failed ({}); reading it again", dataSource, index.failure().get().toString());
            drop(dataSource, index);
            index = null;
        }
        if (index == null) {
            index = open(dataSource);
        }
        index.awaitCaughtUp(catchUp.toMillis());
        return index;
    }

    private synchronized DataSourceIndex open(String dataSource) {
        DataSourceIndex index = indexes.get(dataSource);
        if (index != null) {
            return index;
        }
        List<String> known = source.dataSources();
        if (!known.contains(dataSource)) {
            throw ViewException.notFound("no data source '" + dataSource + "' on " + source.describe()
                    + "; the data sources there are " + known);
        }
        DataSourceIndex created = new DataSourceIndex(dataSource, source.endOffsets(dataSource));
        indexes.put(dataSource, created);
        reads.put(dataSource, source.follow(dataSource).subscribe(created::accept, created::fail));
        LOG.info("Reading data source {} from {}", dataSource, source.describe());
        return created;
    }

    private synchronized void drop(String dataSource, DataSourceIndex index) {
        if (indexes.remove(dataSource, index)) {
            Disposable d = reads.remove(dataSource);
            if (d != null) {
                d.dispose();
            }
        }
    }

    /**
     * @param dataSource a data source
     * @param key        a session key
     * @return the session
     * @throws ViewException 404 when no packet of it was read
     */
    public SessionIndex session(String dataSource, String key) {
        return index(dataSource).find(key).orElseThrow(() -> ViewException.notFound("no session '" + key
                + "' in data source '" + dataSource + "' on " + source.describe()));
    }

    /**
     * Verdicts of every session of a data source; those of ended sessions not checked yet are checked now, all
     * in one read of the data source that keeps only their packets while the checker runs.
     *
     * @param dataSource a data source
     * @return session key to verdict
     */
    public Map<String, Verdict> verdicts(String dataSource) {
        DataSourceIndex index = index(dataSource);
        Set<String> ended = index.endedSessions();
        List<String> unchecked = ended.stream().filter(k -> !verdicts.containsKey(cacheKey(dataSource, k))).toList();
        if (!unchecked.isEmpty()) {
            check(dataSource, unchecked);
        }
        Map<String, Verdict> out = new HashMap<>();
        for (SessionIndex s : index.sessions()) {
            out.put(s.key(), ended.contains(s.key()) ? verdicts.getOrDefault(cacheKey(dataSource, s.key()), Verdict.live())
                    : Verdict.live());
        }
        return out;
    }

    private void check(String dataSource, List<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        List<LandedPacket> packets;
        try {
            packets = source.readToEnd(dataSource)
                    .filter(p -> wanted.contains(p.key()) || (p.packet() != null
                            && "DataFormatDefinition".equals(p.packet().getType())))
                    .collectList()
                    .block(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            throw ViewException.unavailable("cannot read data source '" + dataSource + "' from " + source.describe()
                    + " to check sessions " + keys + ": " + e.getMessage(), e);
        }
        SessionRuleChecker checker = new SessionRuleChecker();
        for (String key : keys) {
            List<LandedPacket> mine = new ArrayList<>();
            for (LandedPacket p : packets) {
                if (key.equals(p.key()) || p.key() == null || p.key().isEmpty()) {
                    mine.add(p);
                }
            }
            verdicts.put(cacheKey(dataSource, key), Verdict.of(checker.check(mine, key)));
        }
    }

    /**
     * @param dataSource a data source
     * @param key        a session key
     * @return its verdict
     */
    public Verdict verdict(String dataSource, String key) {
        session(dataSource, key);
        return verdicts(dataSource).getOrDefault(key, Verdict.live());
    }

    private static String cacheKey(String dataSource, String key) {
        return dataSource + '\u0000' + key;
    }

    @Override
    public synchronized void close() {
        reads.values().forEach(Disposable::dispose);
        reads.clear();
        indexes.clear();
    }
}
