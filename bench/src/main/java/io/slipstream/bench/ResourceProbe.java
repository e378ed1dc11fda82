package io.slipstream.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Reads what a run costs from the JVM's management beans and {@code /proc/self/status}: started when the measured
 * part begins (so that start-up of the embedded stack is not counted where that can be avoided), read once at the
 * end.
 */
final class ResourceProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_#. ]*\\d+$");

    private final long startNanos = System.nanoTime();
    private final long gcMillisAtStart;
    private final long gcCountAtStart;
    private final long cpuNanosAtStart;
    private final Map<Long, Long> threadCpuAtStart = new HashMap<>();
    private final boolean rssPeakReset;
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final NotificationListener afterGc = this::onGc;

    private ResourceProbe() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterGc, null, null);
            }
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        gcMillisAtStart = gcMillis();
        gcCountAtStart = gcCount();
        cpuNanosAtStart = processCpuNanos();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            threadCpuAtStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        rssPeakReset = resetRssPeak();
    }

    /** @return a probe whose figures count from now */
    static ResourceProbe start() {
        return new ResourceProbe();
    }

    /** Keeps the largest heap in use right after a collection: what the run really needed to keep. */
    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
    }

    /** @return the figures from the start until now */
    ResourceUsage finish() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(afterGc);
                } catch (ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        double wall = (System.nanoTime() - startNanos) / 1e9;
        return new ResourceUsage(gcMillis() - gcMillisAtStart, gcCount() - gcCountAtStart, peakHeap, peakAfterGc.get(),
                Runtime.getRuntime().maxMemory(), peakRssBytes(), rssPeakReset,
                (processCpuNanos() - cpuNanosAtStart) / 1e9, wall, threadCpu(), loadAverage());
    }

    private List<ThreadCpu> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, long[]> byGroup = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - threadCpuAtStart.getOrDefault(info.getThreadId(), 0L);
            long[] sum = byGroup.computeIfAbsent(groupOf(info.getThreadName()), k -> new long[2]);
            sum[0] += used;
            sum[1]++;
        }
        List<ThreadCpu> out = new ArrayList<>();
        byGroup.forEach((group, sum) -> out.add(new ThreadCpu(group, (int) sum[1], sum[0] / 1e9)));
        out.sort(Comparator.comparingDouble(ThreadCpu::cpuSeconds).reversed());
        return out;
    }

    /**
     * @param threadName a thread's name
     * @return its kind: the name without its trailing number, so that a pool's threads count together
     */
    static String groupOf(String threadName) {
        String g = threadName;
        String prev;
        do {
            prev = g;
            g = TRAILING_NUMBER.matcher(g).replaceFirst("");
        } while (!g.equals(prev) && !g.isEmpty());
        return g.isEmpty() ? threadName : g;
    }

    /** @return the 1-minute load average, or -1 where {@code /proc/loadavg} is missing */
    static double loadAverage() {
        try {
            String[] fields = Files.readString(LOADAVG, StandardCharsets.US_ASCII).trim().split("\\s+");
            return Double.parseDouble(fields[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Linux resets VmHWM to the current RSS when "5" is written to clear_refs. */
    private static boolean resetRssPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * @return VmHWM of this process in bytes, or -1 where {@code /proc/self/status} is missing or unreadable
     */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
