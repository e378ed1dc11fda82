package io.slipstream.csv;

/** AiM Race Studio CSV: Latin-1, the header row twice, then units and channel numbers; beacon markers are laps. */
record AimFormat() implements LogFormat {

    @Override
    public String name() {
        return "aim";
    }

    @Override
    public boolean matches(Head head) {
        return BeaconExport.format(head).equalsIgnoreCase("AIM CSV File");
    }

    @Override
    public FileShape shape(Head head) {
        return BeaconExport.shape(head, name(), "AiM Race Studio", 3, 2);
    }
}
