package io.slipstream.app.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Checks a Kafka bootstrap list, {@code HOST:PORT[,HOST:PORT...]}, each address as {@link HostPortConverter} does. */
public final class BootstrapConverter implements CommandLine.ITypeConverter<String> {

    private final HostPortConverter address = new HostPortConverter();

    @Override
    public String convert(String value) {
        return Arrays.stream(value.split(",", -1))
                .map(String::trim)
                .map(address::convert)
                .collect(Collectors.joining(","));
    }
}
