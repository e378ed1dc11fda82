package io.slipstream.app.cli;

import picocli.CommandLine;

/** Checks that an address option is {@code host:port} with a port from 1 to 65535. */
public final class HostPortConverter implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not HOST:PORT (e.g. localhost:13579)");
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new CommandLine.TypeConversionException("'" + value + "': port " + port + " is not between 1 and 65535");
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "': the port is not a number");
        }
        return value;
    }
}
