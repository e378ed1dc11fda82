/**
 * JMH benchmarks of the hot paths: block assembly, the iRacing row decoder and the CSV reader (packet encoding is in
 * {@code io.slipstream.sink.streamapi.PacketEncodingBenchmark}, beside the package-private encoder it measures).
 * Run from {@code benchmarks/target/benchmarks.jar}; never part of {@code mvn verify}.
 */
package io.slipstream.bench.jmh;
