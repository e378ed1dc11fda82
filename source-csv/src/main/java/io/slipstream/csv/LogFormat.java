package io.slipstream.csv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A logger's CSV export: recognised by its signature in the head of a file, it says where the header sits, what
 * the preamble holds (session details, lap ends) and how cells are written. The set is closed: {@link #ALL} in
 * detection order, the plain format last, as it takes any file.
 */
sealed interface LogFormat permits RaceChronoFormat, AimFormat, MotecFormat, RaceCaptureFormat, TorqueFormat,
        VcdsFormat, CarScannerFormat, PlainFormat {

    /** Every format, in detection order. */
    List<LogFormat> ALL = List.of(new RaceChronoFormat(), new AimFormat(), new MotecFormat(),
            new RaceCaptureFormat(), new TorqueFormat(), new VcdsFormat(), new CarScannerFormat(), new PlainFormat());

    /** @return the name a config's {@code format} option uses */
    String name();

    /**
     * @param head the file's first lines
     * @return whether the file carries this format's signature
     */
    boolean matches(Head head);

    /**
     * @param head the file's first lines
     * @return what the format says about the file
     * @throws CsvFileException when the file is not in this format after all (only when forced)
     */
    FileShape shape(Head head);

    /**
     * @param head the file's first lines
     * @return the first format whose signature the file carries (plain when none)
     */
    static LogFormat detect(Head head) {
        return ALL.stream().filter(f -> f.matches(head)).findFirst().orElseThrow();
    }

    /**
     * @param name a format name, any case
     * @return the format
     */
    static Optional<LogFormat> named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(f -> f.name().equals(n)).findFirst();
    }

    /** @return the names, for the option's list */
    static List<String> names() {
        return ALL.stream().map(LogFormat::name).toList();
    }
}
