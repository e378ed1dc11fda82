package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's CPU time, read from the operating system for a process given by its id, or from this JVM. */
class ServerCpuTest {

    @Test
    void anotherProcessCpuTimeGrowsAsItWorks() {
        // This JVM, addressed by its process id as an external server would be.
        ServerCpu cpu = ServerCpu.process(ProcessHandle.current().pid());
        ServerCpu.Reading start = cpu.read();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double used = 0;
        long sink = 0;
        while (used <= 0 && System.nanoTime() < deadline) {
            for (int i = 0; i < 5_000_000; i++) {
                sink += Long.numberOfTrailingZeros(i ^ sink);
            }
            used = cpu.read().secondsSince(start);
        }

        assertTrue(used > 0, "CPU seconds " + used + " (" + sink + ")");
        assertTrue(cpu.describe().contains(Long.toString(ProcessHandle.current().pid())), cpu.describe());
        assertTrue(ServerCpu.thisJvm().read().cpuNanos() > 0);
    }

    @Test
    void aProcessThatDoesNotExistIsRefusedNamingTheOption() {
        long none = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1_000_000;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerCpu.process(none));

        assertTrue(e.getMessage().startsWith("--server-pid: no process " + none), e.getMessage());
    }

    @Test
    void aReadingThatFailedGivesNoFigure() {
        ServerCpu.Reading unknown = new ServerCpu.Reading(-1, 0);
        ServerCpu.Reading known = new ServerCpu.Reading(2_000_000_000L, 0);

        assertTrue(known.secondsSince(unknown) < 0);
        assertTrue(unknown.secondsSince(known) < 0);
        assertTrue(Math.abs(known.secondsSince(new ServerCpu.Reading(500_000_000L, 0)) - 1.5) < 1e-9);
    }
}
