package io.slipstream.app.cli;

import io.slipstream.pipeline.config.Durations;
import io.slipstream.streamapi.LogRetention;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code forever}, or a duration such as {@code 30d}, {@code 12h} or ISO-8601 {@code P30D}, as a retention. */
public final class RetentionConverter implements CommandLine.ITypeConverter<LogRetention> {

    /** Retentions are counted in days more than in hours; the pipeline's durations have no day unit. */
    private static final Pattern DAYS = Pattern.compile("(\\d{1,6})d");

    @Override
    public LogRetention convert(String value) {
        if (LogRetention.FOREVER.equalsIgnoreCase(value.strip())) {
            return LogRetention.forever();
        }
        Matcher days = DAYS.matcher(value.strip());
        try {
            return LogRetention.of(days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : Durations.parse(value));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + " (expected " + LogRetention.FOREVER
                    + " or a positive duration such as 30d or 12h)");
        }
    }
}
