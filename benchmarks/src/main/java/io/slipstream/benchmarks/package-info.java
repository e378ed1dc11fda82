/**
 * JMH benchmarks of the hot paths: block assembly, the iRacing row decoder and the CSV reader through public API only
 * (packet encoding is measured by {@code PacketEncodingBenchmark} in {@code sink-streamapi/src/test}, beside the
 * package-private encoder it measures).
 * Run from {@code benchmarks/target/benchmarks.jar}; never part of {@code mvn verify}.
 */
package io.slipstream.benchmarks;
