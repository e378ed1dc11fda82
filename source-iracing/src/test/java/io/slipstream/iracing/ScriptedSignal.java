package io.slipstream.iracing;

import io.slipstream.iracing.live.DataValidSignal;
import java.time.Duration;
import java.util.Queue;

/** A sim's data-valid event whose every wait runs the sim's next scripted step; with none left, the sim leaves. */
final class ScriptedSignal implements DataValidSignal {

    private final Queue<Runnable> steps;
    private final IrsdkWriter.LiveMap map;

    /**
     * @param steps what the sim does at each wait, in order
     * @param map   its live map, whose status goes to 0 when the steps run out
     */
    ScriptedSignal(Queue<Runnable> steps, IrsdkWriter.LiveMap map) {
        this.steps = steps;
        this.map = map;
    }

    @Override
    public boolean await(Duration timeout) {
        Runnable step = steps.poll();
        if (step == null) {
            map.status(0);
            return false;
        }
        step.run();
        return true;
    }

    @Override
    public void close() {
    }
}
