package io.slipstream.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import reactor.core.scheduler.Scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDefinitionTest {

    private final EventDefinition incident = EventDefinition.builder("Incident:iRacing")
            .description("the player's incident count went up")
            .priority(EventPriority.HIGH)
            .value("Increase", "x")
            .value("Total", "x")
            .build();

    @Test
    void anOccurrenceIsASampleOnTheEventsChannelCarryingItsValues() {
        SampleValue s = incident.occurrence(1_000L, 2, 7);

        assertTrue(s.isEvent());
        assertSame(incident.channel(), s.channel());
        assertSame(incident, s.channel().event());
        assertEquals(1_000L, s.timeNanos());
        assertEquals(2.0, s.value());
        assertArrayEquals(new double[] {2, 7}, s.eventValues());
        assertEquals(SampleStatus.VALID, s.status());
    }

    @Test
    void defaultsComeFromTheIdentifier() {
        EventDefinition flag = EventDefinition.builder("Yellow flag:iRacing").build();

        assertEquals("Yellow flag", flag.name());
        assertEquals("iRacing", flag.application());
        assertEquals(EventPriority.MEDIUM, flag.priority());
        assertEquals(List.of(), flag.values());
        assertEquals(0.0, flag.occurrence(5L).value());
        assertEquals(0, flag.occurrence(5L).eventValues().length);
    }

    @Test
    void theValuesOfAnOccurrenceAreCopiedSoTheSourceMayReuseItsArray() {
        double[] values = {1, 1};
        SampleValue s = incident.occurrence(1L, values);
        values[0] = 99;

        assertEquals(1.0, s.eventValues()[0]);
    }

    @Test
    void anOccurrenceWithTheWrongNumberOfValuesIsRefusedNamingTheEvent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> incident.occurrence(1L, 3));

        assertEquals("event Incident:iRacing has 2 value(s), an occurrence gave 1", e.getMessage());
    }

    @Test
    void ordinarySamplesCarryNoEventValuesAndCannotBeForgedOntoAnEventChannel() {
        ChannelDefinition speed = ChannelDefinition.builder("Speed:iRacing").build();
        SampleValue s = SampleValue.of(speed, 1L, 3.0);

        assertFalse(s.isEvent());
        assertFalse(speed.isEvent());
        assertNull(s.eventValues());
        assertThrows(IllegalArgumentException.class, () -> SampleValue.of(incident.channel(), 1L, 3.0));
        assertThrows(IllegalArgumentException.class,
                () -> new SampleValue(speed, 1L, 3.0, SampleStatus.VALID, new double[] {3.0}));
    }

    @Test
    void aContextThatPredatesEventsSaysSo() {
        SourceContext old = new SourceContext() {
            @Override public void declareChannels(List<ChannelDefinition> channels) { }
            @Override public void sessionMetadata(SessionMetadata metadata) { }
            @Override public long nowNanos() { return 0; }
            @Override public Scheduler scheduler() { return null; }
            @Override public void report(SourceProblem problem) { }
        };

        assertThrows(UnsupportedOperationException.class, () -> old.declareEvents(List.of(incident)));
    }
}
