/**
 * Block assembly: turning time-stamped samples into gapless per-rate-group blocks, with the markers and
 * configurations that go between them. Single-threaded by design (one pipeline run feeds one assembler serially);
 * public only so that {@link io.slipstream.pipeline.Pipeline} and the benchmark can use it.
 */
package io.slipstream.pipeline.assembly;
