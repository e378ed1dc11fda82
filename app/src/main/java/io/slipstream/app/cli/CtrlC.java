package io.slipstream.app.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What each Ctrl-C does: the first asks the work to end its sessions cleanly; a second, while that is under way,
 * says what is lost and stops the process at once (a person who presses it twice wants out now).
 */
final class CtrlC implements Runnable {

    private final Runnable onFirst;
    private final Runnable onSecond;
    private final IntConsumer halt;
    private final AtomicInteger presses = new AtomicInteger();

    /**
     * @param onFirst  asks the work to stop cleanly
     * @param onSecond says what stopping now loses
     * @param halt     ends the process with an exit code ({@code Runtime.getRuntime()::halt}; a recorder in tests)
     */
    CtrlC(Runnable onFirst, Runnable onSecond, IntConsumer halt) {
        this.onFirst = onFirst;
        this.onSecond = onSecond;
        this.halt = halt;
    }

    @Override
    public void run() {
        if (presses.incrementAndGet() == 1) {
            onFirst.run();
            return;
        }
        onSecond.run();
        System.out.flush();
        System.err.flush();
        halt.accept(ExitCodes.INTERRUPTED);
    }
}
