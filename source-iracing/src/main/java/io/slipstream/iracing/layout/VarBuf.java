package io.slipstream.iracing.layout;

/**
 * One row-buffer descriptor ({@code irsdk_varBuf}, 16 bytes at {@code 48 + 16*i}).
 *
 * @param tickCount      tick at which the buffer was last completed
 * @param bufOffset      absolute offset of the buffer's row
 * @param tickCountBegin SDK 1.20: tick set before a write starts; 0 when the sim does not fill it
 */
public record VarBuf(int tickCount, int bufOffset, int tickCountBegin) {
}
