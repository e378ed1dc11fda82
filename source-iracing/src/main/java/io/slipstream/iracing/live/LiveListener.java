package io.slipstream.iracing.live;

import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.SourceProblem;
import java.nio.ByteBuffer;

/** Receives what a {@link LiveSession} reads, on its reading thread. */
public interface LiveListener {

    /**
     * The sim is in a session with this layout (again, after a reconnect or a change of car).
     *
     * @param header the validated header
     * @param vars   its variables
     */
    void connected(IrsdkHeader header, VarTable vars);

    /**
     * The session info changed.
     *
     * @param yaml a consistent copy of the YAML area
     */
    void sessionInfo(byte[] yaml);

    /**
     * A new row.
     *
     * @param row       the private copy, little-endian, starting at 0; valid until this call returns
     * @param tick      its tick count
     * @param readNanos when it was read, from the session's clock
     */
    void row(ByteBuffer row, int tick, long readNanos);

    /**
     * There is nothing to read yet: the sim is not running, or runs but is in no session.
     *
     * @param state {@link LiveState#WAITING_FOR_SIM} or {@link LiveState#WAITING_FOR_SESSION}
     */
    default void waiting(String state) {
    }

    /**
     * The sim went away or the session ended.
     *
     * @param reason what happened
     */
    void disconnected(String reason);

    /**
     * Something was skipped (a torn read, a bad layout); counted, never fatal.
     *
     * @param problem what and where
     */
    void problem(SourceProblem problem);
}
