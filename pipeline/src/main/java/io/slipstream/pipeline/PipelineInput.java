package io.slipstream.pipeline;

import io.slipstream.pipeline.assembly.BlockAssembler;
import io.slipstream.spi.SampleValue;
import java.util.List;

/**
 * What the pipeline's one serial stage takes in: the source's data, and the pipeline's own control signals merged
 * with it. A closed set: a new kind of data (an event occurrence, a row of irregular samples) is one more record
 * here, and {@link #applyTo} makes the compiler ask what the assembly does with it.
 */
sealed interface PipelineInput permits PipelineInput.Sample, PipelineInput.Control {

    /**
     * Hands this input to the assembly.
     *
     * @param assembler the pipeline's assembler
     * @return the events it completed
     */
    List<PipelineEvent> applyTo(BlockAssembler assembler);

    /**
     * One sample of the source.
     *
     * @param value the sample
     */
    record Sample(SampleValue value) implements PipelineInput {
        @Override
        public List<PipelineEvent> applyTo(BlockAssembler assembler) {
            return assembler.onSample(value);
        }
    }

    /** Signals of the pipeline itself, not of the source. */
    enum Control implements PipelineInput {
        /** Time for a linger check: send blocks that have been open too long in wall-clock time. */
        TICK,
        /** The source ended (completed, or failed and its error is held back): send what is open. */
        END;

        @Override
        public List<PipelineEvent> applyTo(BlockAssembler assembler) {
            return this == TICK ? assembler.onTick() : assembler.finish();
        }
    }
}
