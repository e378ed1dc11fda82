package io.slipstream.view.index;

import java.util.List;
import ma.streaming.open_data.v1.BoolSample;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.Int32Sample;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleRow;

/**
 * Turns a column (periodic data) or a row (row data) into plain numbers. A sample whose status says missing or
 * in error becomes {@code NaN} (drawn as a gap); strings have no number and are counted, not drawn.
 */
final class Columns {

    /** The reason strings are counted under. */
    static final String STRINGS = "string samples (not plotted)";

    private Columns() {
    }

    static double[] values(SampleColumn c, Dropped dropped) {
        return switch (c.getListCase()) {
            case DOUBLE_SAMPLES -> doubles(c.getDoubleSamples().getSamplesList());
            case INT32_SAMPLES -> ints(c.getInt32Samples().getSamplesList());
            case BOOL_SAMPLES -> bools(c.getBoolSamples().getSamplesList());
            case STRING_SAMPLES -> {
                dropped.add(STRINGS, c.getStringSamples().getSamplesCount());
                yield null;
            }
            case LIST_NOT_SET -> new double[0];
        };
    }

    static double[] values(SampleRow r, Dropped dropped) {
        return switch (r.getListCase()) {
            case DOUBLE_SAMPLES -> doubles(r.getDoubleSamples().getSamplesList());
            case INT32_SAMPLES -> ints(r.getInt32Samples().getSamplesList());
            case BOOL_SAMPLES -> bools(r.getBoolSamples().getSamplesList());
            case STRING_SAMPLES -> {
                dropped.add(STRINGS, r.getStringSamples().getSamplesCount());
                yield null;
            }
            case LIST_NOT_SET -> new double[0];
        };
    }

    private static boolean good(DataStatus s) {
        return s != DataStatus.DATA_STATUS_MISSING && s != DataStatus.DATA_STATUS_ERROR;
    }

    private static double[] doubles(List<DoubleSample> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            DoubleSample s = list.get(i);
            out[i] = good(s.getStatus()) ? s.getValue() : Double.NaN;
        }
        return out;
    }

    private static double[] ints(List<Int32Sample> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Int32Sample s = list.get(i);
            out[i] = good(s.getStatus()) ? s.getValue() : Double.NaN;
        }
        return out;
    }

    private static double[] bools(List<BoolSample> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            BoolSample s = list.get(i);
            out[i] = good(s.getStatus()) ? (s.getValue() ? 1 : 0) : Double.NaN;
        }
        return out;
    }
}
