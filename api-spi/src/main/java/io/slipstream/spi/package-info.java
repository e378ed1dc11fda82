/**
 * The source plug-in SPI of Slipstream.
 *
 * <p>A plug-in is a jar holding a {@link io.slipstream.spi.SourceProvider} implementation and a one-line
 * {@code META-INF/services/io.slipstream.spi.SourceProvider} file naming it. The engine finds providers with
 * {@link java.util.ServiceLoader}, constructs only the ones a pipeline names, and hands each a read-only,
 * typed {@link io.slipstream.spi.SourceConfig}. The {@link io.slipstream.spi.TelemetrySource} it creates emits
 * {@link io.slipstream.spi.SampleValue}s, each stamped with the time it was read.
 */
package io.slipstream.spi;
