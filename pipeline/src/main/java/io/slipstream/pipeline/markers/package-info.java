/**
 * Marker derivation: the per-channel state of each {@link io.slipstream.pipeline.MarkerRule} while a pipeline runs.
 * Internal to the pipeline; public only so that the assembly package can use it.
 */
package io.slipstream.pipeline.markers;
