package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Rows;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SampleRow;

/**
 * The data packets built with protobuf-java's builders, as the sink did before {@link PeriodicEncoder}: the
 * reference whose bytes the hand-written encoders ({@link PeriodicEncoder}, {@link RowEncoder}) must reproduce
 * exactly.
 */
final class BuilderReference {

    private static final DataStatus[] STATUS = {
        DataStatus.DATA_STATUS_VALID, DataStatus.DATA_STATUS_MISSING, DataStatus.DATA_STATUS_ERROR};

    private BuilderReference() {
    }

    static PeriodicDataPacket periodic(Block block, long formatId) {
        PeriodicDataPacket.Builder b = PeriodicDataPacket.newBuilder()
                .setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(formatId))
                .setStartTime(block.startNanos())
                .setInterval((int) block.intervalNanos());
        for (int col = 0; col < block.columns(); col++) {
            double[] v = block.values(col);
            byte[] s = block.status(col);
            DoubleSampleList.Builder list = DoubleSampleList.newBuilder();
            for (int i = 0; i < block.length(); i++) {
                list.addSamples(DoubleSample.newBuilder()
                        .setValue(v[i])
                        .setStatus(s == null ? DataStatus.DATA_STATUS_VALID : STATUS[s[i]]));
            }
            b.addColumns(SampleColumn.newBuilder().setDoubleSamples(list));
        }
        return b.build();
    }

    static DataPacketDetails details(Block block, long formatId, String sessionKey, long id, String dataSource,
                                     String stream) {
        return DataPacketDetails.newBuilder()
                .setMessage(PacketEncoder.envelope(periodic(block, formatId), sessionKey, false, id))
                .setDataSource(dataSource)
                .setStream(stream)
                .setSessionKey(sessionKey)
                .build();
    }

    /** @return rows {@code from} to {@code to} (exclusive) of a batch as one RowDataPacket */
    static RowDataPacket rows(Rows rows, int from, int to, long formatId) {
        RowDataPacket.Builder b = RowDataPacket.newBuilder()
                .setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(formatId));
        for (int i = from; i < to; i++) {
            b.addTimestamps(rows.time(i));
            DoubleSampleList.Builder list = DoubleSampleList.newBuilder();
            for (int col = 0; col < rows.columns(); col++) {
                byte[] s = rows.status(col);
                list.addSamples(DoubleSample.newBuilder()
                        .setValue(rows.values(col)[i])
                        .setStatus(s == null ? DataStatus.DATA_STATUS_VALID : STATUS[s[i]]));
            }
            b.addRows(SampleRow.newBuilder().setDoubleSamples(list));
        }
        return b.build();
    }

    static DataPacketDetails rowDetails(Rows rows, int from, int to, long formatId, String sessionKey, long id,
                                        String dataSource, String stream) {
        return DataPacketDetails.newBuilder()
                .setMessage(PacketEncoder.envelope(rows(rows, from, to, formatId), sessionKey, false, id))
                .setDataSource(dataSource)
                .setStream(stream)
                .setSessionKey(sessionKey)
                .build();
    }
}
