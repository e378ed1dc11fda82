package io.slipstream.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the CPU time of the Stream API's process is read: this JVM (the embedded stack runs in it) or another
 * process on this machine (an external {@code slipstream serve}), by its process id.
 */
public sealed interface ServerCpu {

    /** @return the process' CPU time so far */
    Reading read();

    /** @return what the figure covers, for the report */
    String describe();

    /**
     * @return this JVM: with the embedded stack, server, broker and every bridge together
     */
    static ServerCpu thisJvm() {
        return new ThisJvm();
    }

    /**
     * @param pid the server's process id
     * @return its CPU time
     * @throws IllegalArgumentException when there is no such process, or its CPU time cannot be read
     */
    static ServerCpu process(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            throw new IllegalArgumentException("--server-pid: no process " + pid + " on this machine");
        }
        if (handle.get().info().totalCpuDuration().isEmpty()) {
            throw new IllegalArgumentException("--server-pid: the CPU time of process " + pid
                    + " cannot be read (another user's process?)");
        }
        return new OtherProcess(handle.get());
    }

    /**
     * CPU time at one moment.
     *
     * @param cpuNanos  the process' CPU time, or -1 when it could not be read
     * @param wallNanos {@link System#nanoTime()} when read
     */
    record Reading(long cpuNanos, long wallNanos) {

        /**
         * @param start an earlier reading
         * @return CPU seconds between the two, or -1 when either could not be read
         */
        double secondsSince(Reading start) {
            return cpuNanos < 0 || start.cpuNanos < 0 ? -1 : (cpuNanos - start.cpuNanos) / 1e9;
        }
    }

    /** This JVM's CPU time from its operating-system bean. */
    record ThisJvm() implements ServerCpu {
        @Override
        public Reading read() {
            long cpu = ManagementFactory.getOperatingSystemMXBean()
                    instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
            return new Reading(cpu, System.nanoTime());
        }

        @Override
        public String describe() {
            return "this JVM (embedded stack: Stream API, Key Generator, broker and every bridge together)";
        }
    }

    /** Another process' CPU time, read by the operating system. */
    record OtherProcess(ProcessHandle process) implements ServerCpu {
        @Override
        public Reading read() {
            long cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            return new Reading(cpu, System.nanoTime());
        }

        @Override
        public String describe() {
            return "server process " + process.pid() + " (" + process.info().command().orElse("?") + ")";
        }
    }
}
