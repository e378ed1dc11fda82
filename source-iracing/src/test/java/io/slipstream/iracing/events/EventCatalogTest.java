package io.slipstream.iracing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.TestFiles;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.live.MappedFileMemory;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The events the source can raise: names people read, sensible priorities, distinct bits and identifiers. */
class EventCatalogTest {

    private static List<EventDefinition> all() {
        List<EventDefinition> all = new ArrayList<>();
        SessionFlag.events().forEach(e -> all.add(e.definition()));
        EngineWarning.events().forEach(e -> all.add(e.definition()));
        all.add(RepairsNeeded.DEFINITION);
        all.add(Incident.DEFINITION);
        return all;
    }

    private static Map<String, EventDefinition> byName() {
        return all().stream().collect(Collectors.toMap(EventDefinition::name, Function.identity()));
    }

    @Test
    void namesSayWhatHappened() {
        Map<String, EventDefinition> byName = byName();
        assertEquals(all().size(), byName.size(), "names are distinct");
        for (String name : List.of("Incident", "Rev limiter", "Yellow flag", "Red flag", "Black flag",
                "Engine stalled", "Repairs needed", "Start lights go", "Furled black flag")) {
            assertTrue(byName.containsKey(name), name);
        }
        assertEquals(List.of("Increase", "Total"), Incident.DEFINITION.values().stream().map(v -> v.name()).toList());
        assertTrue(all().stream().allMatch(e -> e.application().equals("iRacing") && e.description() != null));
    }

    @Test
    void prioritiesFollowHowUrgentTheHappeningIs() {
        Map<String, EventDefinition> byName = byName();
        for (String critical : List.of("Red flag", "Black flag", "Disqualified", "Engine stalled")) {
            assertEquals(EventPriority.CRITICAL, byName.get(critical).priority(), critical);
        }
        for (String high : List.of("Incident", "Yellow flag", "Yellow flag waving", "Caution", "Repairs needed",
                "Oil pressure warning")) {
            assertEquals(EventPriority.HIGH, byName.get(high).priority(), high);
        }
        assertEquals(EventPriority.MEDIUM, byName.get("Rev limiter").priority());
        assertEquals(EventPriority.LOW, byName.get("Green flag").priority());
        assertEquals(all().stream().filter(e -> e.priority() == EventPriority.CRITICAL).count(), 4,
                "nothing else stops an engineer");
    }

    @Test
    void eachBitIsOneBitOfItsFieldAndNoTwoShareOne() {
        for (List<BitEvent> field : List.of(SessionFlag.events(), EngineWarning.events())) {
            Set<Long> seen = new HashSet<>();
            for (BitEvent e : field) {
                assertEquals(1, Long.bitCount(e.bit()), e.definition().name());
                assertTrue(e.bit() <= 0xFFFF_FFFFL, e.definition().name());
                assertTrue(seen.add(e.bit()), e.definition().name());
            }
        }
    }

    @Test
    void noEventIdentifierIsAlsoAChannelOfTheFullPreset() throws Exception {
        try (MappedFileMemory memory = MappedFileMemory.open(TestFiles.path(TestFiles.MEMDUMP))) {
            ByteBuffer view = memory.view();
            VarTable vars = VarTable.read(view, IrsdkHeader.read(view, "dump"), "dump");
            Set<String> names = vars.vars().stream().map(VarHeader::name).collect(Collectors.toSet());
            assertEquals(all().size(), all().stream().map(EventDefinition::identifier).distinct().count());
            for (EventDefinition e : all()) {
                String name = e.identifier().substring(0, e.identifier().indexOf(':'));
                assertTrue(!names.contains(name) && !name.matches(".*_\\d+"), e.identifier());
            }
            assertEquals(all(), RowEvents.of(vars, "dump").definitions(), "the live layout has every variable");
        }
    }
}
