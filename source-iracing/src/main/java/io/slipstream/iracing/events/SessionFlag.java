package io.slipstream.iracing.events;

import static io.slipstream.spi.EventPriority.CRITICAL;
import static io.slipstream.spi.EventPriority.HIGH;
import static io.slipstream.spi.EventPriority.LOW;
import static io.slipstream.spi.EventPriority.MEDIUM;

import io.slipstream.spi.EventPriority;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bits of {@code SessionFlags} ({@code irsdk_Flags}) that raise an event when they come on.
 *
 * <p>Deliberately absent: {@code servicible} (0x40000), which says the car may be serviced; it is a state that
 * holds for most of a session rather than a happening. Bits this enum does not know (newer builds add some, e.g.
 * {@code DqScoringInvalid}) are ignored.
 */
public enum SessionFlag {
    /** 0x1. */
    CHECKERED(0x1, "CheckeredFlag", "Checkered flag", MEDIUM, "the checkered flag: the session is over"),
    /** 0x2. */
    WHITE(0x2, "WhiteFlag", "White flag", MEDIUM, "the white flag: last lap"),
    /** 0x4. */
    GREEN(0x4, "GreenFlag", "Green flag", LOW, "the green flag: racing"),
    /** 0x8. */
    YELLOW(0x8, "YellowFlag", "Yellow flag", HIGH, "a yellow flag: hazard, no overtaking"),
    /** 0x10. */
    RED(0x10, "RedFlag", "Red flag", CRITICAL, "the red flag: the session is stopped"),
    /** 0x20. */
    BLUE(0x20, "BlueFlag", "Blue flag", MEDIUM, "a blue flag: a faster car is about to lap this one"),
    /** 0x40. */
    DEBRIS(0x40, "DebrisFlag", "Debris flag", MEDIUM, "the debris flag: slippery surface or debris ahead"),
    /** 0x80. */
    CROSSED(0x80, "CrossedFlags", "Crossed flags", LOW, "crossed flags: half way through the race"),
    /** 0x100. */
    YELLOW_WAVING(0x100, "YellowWavingFlag", "Yellow flag waving", HIGH,
            "a waving yellow flag: hazard on or near the track, slow down"),
    /** 0x200. */
    ONE_LAP_TO_GREEN(0x200, "OneLapToGreen", "One lap to green", LOW, "one lap to the green flag"),
    /** 0x400. */
    GREEN_HELD(0x400, "GreenHeld", "Green held", LOW, "the green flag is held: the start is delayed"),
    /** 0x800. */
    TEN_TO_GO(0x800, "TenToGo", "Ten to go", LOW, "ten laps to go"),
    /** 0x1000. */
    FIVE_TO_GO(0x1000, "FiveToGo", "Five to go", LOW, "five laps to go"),
    /** 0x2000. */
    RANDOM_WAVING(0x2000, "RandomWavingFlag", "Random waving flag", MEDIUM, "a random waving flag"),
    /** 0x4000. */
    CAUTION(0x4000, "Caution", "Caution", HIGH, "full-course caution"),
    /** 0x8000. */
    CAUTION_WAVING(0x8000, "CautionWaving", "Caution waving", HIGH, "full-course caution, flag waving"),
    /** 0x10000. */
    BLACK(0x10000, "BlackFlag", "Black flag", CRITICAL, "the black flag: a penalty to serve in the pits"),
    /** 0x20000. */
    DISQUALIFY(0x20000, "Disqualified", "Disqualified", CRITICAL, "the disqualify flag"),
    /** 0x80000. */
    FURLED(0x80000, "FurledBlackFlag", "Furled black flag", HIGH,
            "the black flag shown furled: a warning before a penalty"),
    /** 0x100000. */
    REPAIR(0x100000, "RepairFlag", "Repair flag", HIGH,
            "the repair flag (meatball): the car must pit for repairs"),
    /** 0x10000000. */
    START_HIDDEN(0x10000000L, "StartLightsHidden", "Start lights hidden", LOW, "start lights hidden"),
    /** 0x20000000. */
    START_READY(0x20000000L, "StartLightsReady", "Start lights ready", LOW, "start lights: ready"),
    /** 0x40000000. */
    START_SET(0x40000000L, "StartLightsSet", "Start lights set", LOW, "start lights: set"),
    /** 0x80000000. */
    START_GO(0x80000000L, "StartLightsGo", "Start lights go", MEDIUM, "start lights: go");

    /** The variable these bits live in. */
    public static final String VARIABLE = "SessionFlags";

    private final BitEvent event;

    SessionFlag(long bit, String id, String name, EventPriority priority, String meaning) {
        this.event = BitEvent.of(VARIABLE, bit, id, name, priority, meaning);
    }

    /** @return the bit and the event it raises */
    public BitEvent event() {
        return event;
    }

    /** @return every bit's event, in bit order */
    public static List<BitEvent> events() {
        return Stream.of(values()).map(SessionFlag::event).toList();
    }
}
