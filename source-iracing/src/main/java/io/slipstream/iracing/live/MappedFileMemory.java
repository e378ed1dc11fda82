package io.slipstream.iracing.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link SharedMemory} over a file: a dump of the live map, read by the same code as the live map. */
public final class MappedFileMemory implements SharedMemory {

    private final FileChannel channel;
    private final ByteBuffer view;

    private MappedFileMemory(FileChannel channel, ByteBuffer view) {
        this.channel = channel;
        this.view = view;
    }

    /**
     * @param path a dump of the live telemetry map
     * @return the mapped file
     * @throws IOException when it cannot be read
     */
    public static MappedFileMemory open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new MappedFileMemory(ch, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())
                    .order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ByteBuffer view() {
        return view;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
