package io.slipstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first Ctrl-C ends the sessions cleanly; a second says what is lost, then stops with 130. */
class CtrlCTest {

    @Test
    void theFirstPressStopsCleanlyAndTheSecondSaysWhatIsLostThenHalts() {
        List<String> happened = new ArrayList<>();
        CtrlC ctrlC = new CtrlC(() -> happened.add("end sessions cleanly"), () -> happened.add("say what is lost"),
                code -> happened.add("halt " + code));
        ctrlC.run();
        assertEquals(List.of("end sessions cleanly"), happened);
        ctrlC.run();
        assertEquals(List.of("end sessions cleanly", "say what is lost", "halt 130"), happened);
    }
}
