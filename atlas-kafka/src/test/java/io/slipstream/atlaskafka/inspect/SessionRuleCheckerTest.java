package io.slipstream.atlaskafka.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataFormatType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.ParameterList;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import org.junit.jupiter.api.Test;

/** Each rule on a hand-built session: the clean session passes, and one breakage per rule is caught. */
class SessionRuleCheckerTest {

    static final String KEY = "6b1c2a8e-0000-4000-8000-000000000001";
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long FORMAT = 42;

    /** Builds the records of one session as the sink would write them; offsets per stream. */
    static final class SessionBuilder {
        final List<LandedPacket> records = new ArrayList<>();
        long nextId = 1;
        long mainOffset;
        long dataOffset;
        long essentialOffset;

        SessionBuilder both(MessageLite m, boolean essential) {
            Packet p = packet(m, nextId++, essential);
            records.add(landed("", 0, mainOffset++, KEY, p));
            records.add(landed("Stream1", 1, dataOffset++, KEY, p));
            return this;
        }

        SessionBuilder data(MessageLite m) {
            records.add(landed("Stream1", 1, dataOffset++, KEY, packet(m, nextId++, false)));
            return this;
        }

        SessionBuilder raw(String stream, Packet p) {
            records.add(landed(stream, stream.isEmpty() ? 0 : 1, stream.isEmpty() ? mainOffset++ : dataOffset++,
                    KEY, p));
            return this;
        }

        SessionBuilder format() {
            DataFormatDefinitionPacket d = DataFormatDefinitionPacket.newBuilder().setIdentifier(FORMAT)
                    .setType(DataFormatType.DATA_FORMAT_TYPE_PARAMETER)
                    .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("Speed:App")
                            .addParameterIdentifiers("RPM:App")).build();
            Packet p = packet(d, 0, true);
            records.add(new LandedPacket("DS_essential", 0, essentialOffset++, "", p, LandedPacket.ESSENTIALS,
                    p.toByteArray()));
            return this;
        }

        List<LandedPacket> build() {
            return records;
        }
    }

    static Packet packet(MessageLite m, long id, boolean essential) {
        String name = m.getClass().getSimpleName();
        return Packet.newBuilder().setType(name.substring(0, name.length() - "Packet".length())).setSessionKey(KEY)
                .setIsEssential(essential).setContent(m.toByteString()).setId(id).build();
    }

    static LandedPacket landed(String stream, int partition, long offset, String key, Packet p) {
        return new LandedPacket("DS", partition, offset, key, p, stream, p.toByteArray());
    }

    static ConfigurationPacket config(String id, int groups, String... params) {
        ConfigurationPacket.Builder b = ConfigurationPacket.newBuilder().setConfigId(id);
        for (String p : params) {
            b.addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier(p));
        }
        for (int g = 0; g < groups; g++) {
            b.addGroupDefinitions(GroupDefinition.newBuilder().setIdentifier("App" + g));
        }
        return b.build();
    }

    static PeriodicDataPacket block(long start, int n, long interval, int... lengths) {
        PeriodicDataPacket.Builder b = PeriodicDataPacket.newBuilder()
                .setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(FORMAT))
                .setStartTime(start).setInterval((int) interval);
        int[] cols = lengths.length == 0 ? new int[] {n, n} : lengths;
        for (int len : cols) {
            DoubleSampleList.Builder l = DoubleSampleList.newBuilder();
            for (int i = 0; i < len; i++) {
                l.addSamples(DoubleSample.newBuilder().setValue(i));
            }
            b.addColumns(SampleColumn.newBuilder().setDoubleSamples(l));
        }
        return b.build();
    }

    static MarkerPacket marker(long t) {
        return MarkerPacket.newBuilder().setTimestamp(t).setLabel("Lap 1").setType("Lap Trigger").build();
    }

    /** The clean session, with a hook to change it before the end. */
    static List<LandedPacket> session(Consumer<SessionBuilder> middle) {
        SessionBuilder s = new SessionBuilder().format();
        s.both(NewSessionPacket.newBuilder().setDataSource("DS").build(), false);
        s.both(config("c1", 1, "Speed:App", "RPM:App"), true);
        s.data(block(T0, 100, MS));
        s.data(block(T0 + 100 * MS, 100, MS));
        s.both(marker(T0 + 150 * MS), true);
        s.data(block(T0 + 500 * MS, 100, MS)); // a new block after a source gap is allowed
        middle.accept(s);
        s.both(EndOfSessionPacket.newBuilder().setDataSource("DS").build(), false);
        return s.build();
    }

    static List<Violation> check(List<LandedPacket> records) {
        return new SessionRuleChecker().check(records, KEY);
    }

    static void assertOnly(String rule, List<Violation> v) {
        assertTrue(!v.isEmpty(), "expected a violation of " + rule);
        v.forEach(x -> assertEquals(rule, x.rule(), x.toString()));
    }

    @Test
    void aCleanSessionPasses() {
        assertEquals(List.of(), check(session(s -> { })));
        assertEquals(List.of(), new SessionRuleChecker().check(session(s -> { }), null));
    }

    @Test
    void aMissingSessionIsReported() {
        assertOnly(SessionRuleChecker.ORDER, new SessionRuleChecker().check(session(s -> { }), "other-key"));
    }

    @Test
    void rule1DataAfterEndOfSessionAndNoNewSessionFirst() {
        List<LandedPacket> r = session(s -> { });
        r.add(landed("Stream1", 1, 99, KEY, packet(block(T0 + 600 * MS, 10, MS), 11, false)));
        List<Violation> v = check(r);
        assertTrue(v.stream().anyMatch(x -> x.rule().equals(SessionRuleChecker.ORDER)
                && x.message().contains("after EndOfSession")), v.toString());

        List<LandedPacket> noStart = session(s -> { });
        noStart.removeIf(x -> x.packet().getType().equals("NewSession") && x.stream().equals("Stream1"));
        assertTrue(check(noStart).stream().anyMatch(x -> x.rule().equals(SessionRuleChecker.ORDER)
                && x.message().contains("expected NewSession")));
    }

    @Test
    void rule2TwoGroupsInAConfiguration() {
        assertOnly(SessionRuleChecker.ONE_GROUP, check(session(s -> s.both(config("c2", 2, "Speed:App"), true))));
    }

    @Test
    void rule2AConfigIdReusedByAnotherConfiguration() {
        assertOnly(SessionRuleChecker.UNIQUE_CONFIG,
                check(session(s -> s.both(config("c1", 1, "Speed:App", "RPM:App"), true))));
    }

    @Test
    void rule2DataBeforeItsConfigurationOnThatStream() {
        SessionBuilder s = new SessionBuilder().format();
        s.both(NewSessionPacket.getDefaultInstance(), false);
        s.data(block(T0, 100, MS));
        s.both(config("c1", 1, "Speed:App", "RPM:App"), true);
        s.both(EndOfSessionPacket.getDefaultInstance(), false);
        assertOnly(SessionRuleChecker.CONFIG_FIRST, check(s.build()));

        // configuration only on the main stream: the data stream has none
        SessionBuilder t = new SessionBuilder().format();
        t.both(NewSessionPacket.getDefaultInstance(), false);
        t.raw("", packet(config("c1", 1, "Speed:App", "RPM:App"), t.nextId++, true));
        t.data(block(T0, 100, MS));
        t.both(EndOfSessionPacket.getDefaultInstance(), false);
        assertOnly(SessionRuleChecker.CONFIG_FIRST, check(t.build()));

        // a configuration that does not define all parameters of the data format
        SessionBuilder u = new SessionBuilder().format();
        u.both(NewSessionPacket.getDefaultInstance(), false);
        u.both(config("c1", 1, "Speed:App"), true);
        u.data(block(T0, 100, MS));
        u.both(EndOfSessionPacket.getDefaultInstance(), false);
        List<Violation> v = check(u.build());
        assertOnly(SessionRuleChecker.CONFIG_FIRST, v);
        assertTrue(v.get(0).message().contains("RPM:App"), v.toString());
    }

    @Test
    void rule3OverlappingBlocksUnevenColumnsAndZeroInterval() {
        assertOnly(SessionRuleChecker.GAPLESS, check(session(s -> s.data(block(T0 + 550 * MS, 100, MS)))));
        assertOnly(SessionRuleChecker.GAPLESS, check(session(s -> s.data(block(T0 + 600 * MS, 10, MS, 10, 9)))));
        assertOnly(SessionRuleChecker.GAPLESS, check(session(s -> s.data(block(T0 + 600 * MS, 10, 0)))));
        // the session's last block holds samples T0+500 ms .. T0+599 ms: starting on that last sample overlaps it
        assertOnly(SessionRuleChecker.GAPLESS, check(session(s -> s.data(block(T0 + 599 * MS, 10, MS)))));
    }

    @Test
    void rule3AnEarlySampleMayStartABlockLessThanOneIntervalAfterTheLast() {
        // A live source's sample read 0.5 ms early started a new block: no sample time is claimed twice.
        assertTrue(check(session(s -> s.data(block(T0 + 599 * MS + MS / 2, 10, MS)))).isEmpty());
    }

    @Test
    void rule4AMarkerAfterTheDataSentSoFar() {
        assertOnly(SessionRuleChecker.MARKERS, check(session(s -> s.both(marker(T0 + 600 * MS), true))));
        assertOnly(SessionRuleChecker.MARKERS, check(session(s -> s.both(marker(T0 - 1), true))));
    }

    @Test
    void rule5AGapInPacketIds() {
        assertOnly(SessionRuleChecker.IDS, check(session(s -> s.nextId += 3)));
    }

    @Test
    void rule5OneIdForTwoDifferentPackets() {
        assertOnly(SessionRuleChecker.IDS, check(session(s -> {
            s.raw("", packet(marker(T0 + 150 * MS), s.nextId, true));
            s.raw("Stream1", packet(marker(T0 + 160 * MS), s.nextId++, true));
        })));
    }

    @Test
    void rule5ATypeWithThePacketSuffixOrWrongContent() {
        assertOnly(SessionRuleChecker.TYPES, check(session(s -> s.raw("Stream1",
                packet(marker(T0 + 150 * MS), s.nextId, false).toBuilder().setType("MarkerPacket")
                        .setId(s.nextId++).build()))));
        assertOnly(SessionRuleChecker.TYPES, check(session(s -> s.raw("Stream1",
                packet(marker(T0 + 150 * MS), s.nextId, false).toBuilder().setType("Configuration")
                        .setContent(ByteString.copyFrom(new byte[] {(byte) 0xff, 1}))
                        .setId(s.nextId++).build()))));
    }

    @Test
    void rule7ADuplicatedPacketOnAStream() {
        List<LandedPacket> r = session(s -> { });
        LandedPacket third = r.stream().filter(x -> x.stream().equals("Stream1")).toList().get(2);
        List<LandedPacket> dup = new ArrayList<>();
        for (LandedPacket x : r) {
            dup.add(x);
            if (x == third) {
                dup.add(new LandedPacket(x.topic(), x.partition(), x.offset(), x.key(), x.packet(), x.stream(),
                        x.rawValue()));
            }
        }
        List<Violation> v = check(dup);
        assertTrue(v.stream().anyMatch(x -> x.rule().equals(SessionRuleChecker.STREAM_ORDER)
                && x.message().contains("duplicate")), v.toString());
    }
}
