package io.slipstream.bench;

/**
 * CPU time the threads of one kind used during a run.
 *
 * @param group      the threads' name with its trailing number removed, e.g. {@code grpc-default-executor}
 * @param threads    how many threads of that name were seen
 * @param cpuSeconds their CPU time during the run
 */
public record ThreadCpu(String group, int threads, double cpuSeconds) {
}
