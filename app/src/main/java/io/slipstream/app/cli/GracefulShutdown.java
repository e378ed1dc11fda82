package io.slipstream.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.utils.Signals;

/**
 * Ctrl-C handling: the hook asks the work to stop, waits (bounded) until the command has ended its sessions
 * and printed its summary, then ends the process with the command's own exit code, so that a clean Ctrl-C
 * exits 0 rather than 130. A {@link StopRequests stop request} from inside the process asks the work to stop
 * the same way, without ending the process.
 */
final class GracefulShutdown implements AutoCloseable {

    private final Thread hook;
    private final Runnable unregister;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = ExitCodes.OK;
    private volatile boolean signalled;
    private final Object previousInt;

    private GracefulShutdown(Runnable onSignal, Runnable onForce, Duration grace, boolean install, StopRequests stops) {
        this.hook = new Thread(() -> {
            signalled = true;
            onSignal.run();
            try {
                if (finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(exitCode);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slipstream-shutdown");
        if (install) {
            Runtime.getRuntime().addShutdownHook(hook);
            // Ctrl-C itself is caught (SIGTERM still goes through the hook): the first ends the sessions cleanly
            // while the process goes on to print its summary; a second says what is lost and stops at once.
            previousInt = Signals.register("INT", new CtrlC(onSignal, onForce, Runtime.getRuntime()::halt));
        } else {
            previousInt = null;
        }
        this.unregister = stops.register(onSignal);
    }

    /**
     * @param env      whether to install the hook at all
     * @param onSignal what to do on Ctrl-C or a stop request (ask the work to stop)
     * @param grace    how long the work may take to end after the signal
     * @return the handle; close it when the work is done
     */
    static GracefulShutdown install(AppEnvironment env, Runnable onSignal, Duration grace) {
        return install(env, onSignal, () -> { }, grace);
    }

    /**
     * @param env      whether to install the hook at all
     * @param onSignal what to do on Ctrl-C or a stop request (ask the work to stop)
     * @param onForce  what to do on a second Ctrl-C, just before the process stops (say what is lost)
     * @param grace    how long the work may take to end after the signal
     * @return the handle; close it when the work is done
     */
    static GracefulShutdown install(AppEnvironment env, Runnable onSignal, Runnable onForce, Duration grace) {
        return new GracefulShutdown(onSignal, onForce, grace, env.shutdownHooks(), env.stops());
    }

    /**
     * Records the command's result; a pending Ctrl-C then ends the process with it.
     *
     * @param code the exit code
     * @return the code
     */
    int finish(int code) {
        exitCode = code;
        finished.countDown();
        return code;
    }

    @Override
    public void close() {
        finished.countDown();
        unregister.run();
        if (previousInt != null) {
            Signals.unregister("INT", previousInt);
        }
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutdown already under way, or the hook was never installed
            }
        }
    }
}
