package io.slipstream.app.cli;

import io.slipstream.pipeline.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code 4s}, {@code 250ms}, {@code 2m} or ISO-8601 {@code PT4S} from the command line. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
