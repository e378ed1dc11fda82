package io.slipstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.streamapi.LogRetention;
import io.slipstream.streamapi.ServerLimits;
import io.slipstream.streamapi.ServerSecurity;
import io.slipstream.streamapi.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}'s security and limit options become the stack's options; the defaults are the server's own. */
class ServeCommandTest {

    private static StackOptions parse(String... args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.parseArgs(args);
        return ((ServeCommand) cli.getCommand()).stackOptions();
    }

    @Test
    void byDefaultItListensOnLoopbackInCleartextWithTheServersDefaultLimits() {
        StackOptions options = parse();
        assertEquals(ServerSecurity.loopback(), options.security());
        assertEquals(ServerLimits.defaults(), options.limits(), "the command line's defaults are the server's");
        assertEquals(LogRetention.forever(), options.retention(), "the broker keeps records until the user removes them");
    }

    @Test
    void bindTlsAndLimitsReachTheStack() {
        StackOptions options = parse("--bind", "0.0.0.0", "--tls-cert", "server.pem", "--tls-key", "server.key", "--client-ca", "ca.pem",
                "--session-retention", "5m", "--max-ended-sessions", "7", "--max-sessions-per-client", "3", "--max-streams-per-client", "4",
                "--max-subscribers-per-client", "5", "--max-connections-per-client", "6", "--max-data-sources", "8");
        assertEquals(new ServerSecurity("0.0.0.0", Path.of("server.pem"), Path.of("server.key"), Path.of("ca.pem")), options.security());
        assertEquals(new ServerLimits(Duration.ofMinutes(5), 7, 3, 4, 5, 6, 8), options.limits());
        assertTrue(options.security().mutualTls());
    }

    @Test
    void aRetentionInDaysHoursOrForeverReachesTheBroker() {
        assertEquals(LogRetention.of(Duration.ofDays(30)), parse("--retention", "30d").retention());
        assertEquals(LogRetention.of(Duration.ofHours(12)), parse("--retention", "12h").retention());
        assertEquals(LogRetention.forever(), parse("--retention", "forever").retention());
        CommandLine.ParameterException zero = assertThrows(CommandLine.ParameterException.class, () -> parse("--retention", "0s"));
        assertTrue(zero.getMessage().contains("retention is PT0S, expected a positive duration or forever"), zero.getMessage());
        CommandLine.ParameterException word = assertThrows(CommandLine.ParameterException.class, () -> parse("--retention", "always"));
        assertTrue(word.getMessage().contains("--retention") && word.getMessage().contains("such as 30d or 12h"), word.getMessage());
    }

    @Test
    void optionsThatDoNotFitTogetherAreAUsageError() {
        CommandLine.ParameterException onlyCert = assertThrows(CommandLine.ParameterException.class, () -> parse("--tls-cert", "server.pem"));
        assertTrue(onlyCert.getMessage().contains("TLS needs both a certificate (--tls-cert) and its key (--tls-key)"), onlyCert.getMessage());
        CommandLine.ParameterException caAlone = assertThrows(CommandLine.ParameterException.class, () -> parse("--client-ca", "ca.pem"));
        assertTrue(caAlone.getMessage().contains("needs TLS"), caAlone.getMessage());
        CommandLine.ParameterException zero = assertThrows(CommandLine.ParameterException.class, () -> parse("--max-streams-per-client", "0"));
        assertEquals("max streams per client is 0, expected 1 or more", zero.getMessage());
        CommandLine.ParameterException nowhere = assertThrows(CommandLine.ParameterException.class, () -> parse("--bind", "no-such-host.invalid"));
        assertTrue(nowhere.getMessage().startsWith("bind address no-such-host.invalid cannot be resolved"), nowhere.getMessage());
    }
}
