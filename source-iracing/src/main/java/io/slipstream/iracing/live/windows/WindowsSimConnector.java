package io.slipstream.iracing.live.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.live.DataValidSignal;
import io.slipstream.iracing.live.SharedMemory;
import io.slipstream.iracing.live.SimConnector;
import io.slipstream.iracing.live.SimLink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * The only Windows-specific code: opens {@code Local\IRSDKMemMapFileName} read-only and
 * {@code Local\IRSDKDataValidEvent} for waiting, through jna-platform's Kernel32 (spec §2.1). Everything that
 * reads the map is platform-neutral and tested over mapped files.
 */
public final class WindowsSimConnector implements SimConnector {

    /** The telemetry file mapping's name. */
    public static final String MAP_NAME = "Local\\IRSDKMemMapFileName";
    /** The data-valid event's name. */
    public static final String EVENT_NAME = "Local\\IRSDKDataValidEvent";
    private static final int PAGE = 4096;

    @Override
    public Optional<SimLink> open() {
        Kernel32 k = Kernel32.INSTANCE;
        WinNT.HANDLE mapping = k.OpenFileMapping(WinBase.FILE_MAP_READ, false, MAP_NAME);
        if (mapping == null) {
            int error = k.GetLastError();
            if (error == WinError.ERROR_FILE_NOT_FOUND) {
                return Optional.empty(); // the sim is not running: normal, the caller polls again
            }
            throw new IllegalStateException("OpenFileMapping(" + MAP_NAME + ") failed with Windows error " + error);
        }
        Pointer base = k.MapViewOfFile(mapping, WinBase.FILE_MAP_READ, 0, 0, 0);
        if (base == null) {
            int error = k.GetLastError();
            k.CloseHandle(mapping);
            throw new IllegalStateException("MapViewOfFile(" + MAP_NAME + ") failed with Windows error " + error);
        }
        WinNT.HANDLE event = k.OpenEvent(WinNT.SYNCHRONIZE, false, EVENT_NAME);
        if (event == null) {
            k.UnmapViewOfFile(base);
            k.CloseHandle(mapping);
            return Optional.empty(); // mapping left over from a closed sim: treat as not running
        }
        // The map's size is not in the header: span every region the header names, rounded up to a page.
        long extent = IrsdkHeader.read(base.getByteBuffer(0, IrsdkHeader.SIZE), MAP_NAME).extent();
        long size = Math.max(IrsdkHeader.SIZE, (extent + PAGE - 1) / PAGE * PAGE);
        ByteBuffer view = base.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(new SimLink(new Memory(k, mapping, base, view), new Event(k, event)));
    }

    private record Memory(Kernel32 k, WinNT.HANDLE mapping, Pointer base, ByteBuffer view) implements SharedMemory {
        @Override
        public void close() {
            k.UnmapViewOfFile(base);
            k.CloseHandle(mapping);
        }
    }

    private record Event(Kernel32 k, WinNT.HANDLE handle) implements DataValidSignal {
        @Override
        public boolean await(Duration timeout) {
            int r = k.WaitForSingleObject(handle, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (r == WinBase.WAIT_FAILED) {
                throw new IllegalStateException("WaitForSingleObject(" + EVENT_NAME + ") failed with Windows error "
                        + k.GetLastError());
            }
            return r == WinBase.WAIT_OBJECT_0;
        }

        @Override
        public void close() {
            k.CloseHandle(handle);
        }
    }
}
