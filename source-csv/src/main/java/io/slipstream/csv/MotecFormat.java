package io.slipstream.csv;

/** MoTeC i2 CSV export: the AiM family's preamble, then the header, a units row and data. */
record MotecFormat() implements LogFormat {

    @Override
    public String name() {
        return "motec";
    }

    @Override
    public boolean matches(Head head) {
        return BeaconExport.format(head).equalsIgnoreCase("MoTeC CSV File");
    }

    @Override
    public FileShape shape(Head head) {
        return BeaconExport.shape(head, name(), "MoTeC i2", 1, 1);
    }
}
