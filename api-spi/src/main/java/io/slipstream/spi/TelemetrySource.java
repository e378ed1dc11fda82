package io.slipstream.spi;

import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * A running source of samples, made by a {@link SourceProvider}.
 *
 * <p>Nothing is opened until the returned {@code Flux} is subscribed. On subscription the source declares its
 * channels (and, when it knows them, session metadata) through the context, then emits samples in read-time
 * order per channel. Completion means the input ended (end of file, sim closed); an error means the source
 * cannot go on at all: one bad frame or line is {@linkplain SourceContext#report reported}, never an error.
 * Cancelling the subscription must release everything the source opened.
 */
@FunctionalInterface
public interface TelemetrySource {

    /**
     * @param context where to declare channels and report problems, and the clock to stamp samples with
     * @return the samples; cold, opening the input on subscribe
     */
    Flux<SampleValue> samples(SourceContext context);

    /**
     * How far a replay has got, read a few times a second by the status line from a thread of its own; a source
     * that knows it (a file replay) overrides this, a live source keeps the default.
     *
     * @return the progress of the current subscription, empty when the source replays nothing or has not started
     */
    default Optional<SourceProgress> progress() {
        return Optional.empty();
    }
}
