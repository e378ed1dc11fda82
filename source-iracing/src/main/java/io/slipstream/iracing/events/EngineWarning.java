package io.slipstream.iracing.events;

import static io.slipstream.spi.EventPriority.CRITICAL;
import static io.slipstream.spi.EventPriority.HIGH;
import static io.slipstream.spi.EventPriority.LOW;
import static io.slipstream.spi.EventPriority.MEDIUM;

import io.slipstream.spi.EventPriority;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bits of {@code EngineWarnings} ({@code irsdk_EngineWarnings}) that raise an event when they come on.
 * Bits this enum does not know are ignored; "repairs needed" is not among these bits in our spec and comes from
 * {@code PitRepairLeft} instead ({@link RepairsNeeded}).
 */
public enum EngineWarning {
    /** 0x1. */
    WATER_TEMP(0x1, "WaterTempWarning", "Water temperature warning", HIGH, "water temperature too high"),
    /** 0x2. */
    FUEL_PRESSURE(0x2, "FuelPressureWarning", "Fuel pressure warning", HIGH, "fuel pressure too low"),
    /** 0x4. */
    OIL_PRESSURE(0x4, "OilPressureWarning", "Oil pressure warning", HIGH, "oil pressure too low"),
    /** 0x8. */
    STALLED(0x8, "EngineStalled", "Engine stalled", CRITICAL, "the engine stalled"),
    /** 0x10. */
    PIT_SPEED_LIMITER(0x10, "PitSpeedLimiter", "Pit speed limiter", LOW, "the pit speed limiter is on"),
    /** 0x20. */
    REV_LIMITER(0x20, "RevLimiter", "Rev limiter", MEDIUM, "the rev limiter is cutting"),
    /** 0x40. */
    OIL_TEMP(0x40, "OilTempWarning", "Oil temperature warning", HIGH, "oil temperature too high");

    /** The variable these bits live in. */
    public static final String VARIABLE = "EngineWarnings";

    private final BitEvent event;

    EngineWarning(long bit, String id, String name, EventPriority priority, String meaning) {
        this.event = BitEvent.of(VARIABLE, bit, id, name, priority, meaning);
    }

    /** @return the bit and the event it raises */
    public BitEvent event() {
        return event;
    }

    /** @return every bit's event, in bit order */
    public static List<BitEvent> events() {
        return Stream.of(values()).map(EngineWarning::event).toList();
    }
}
