package io.slipstream.iracing.events;

import io.slipstream.iracing.channels.ChannelCatalog;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;

/**
 * One bit of an iRacing bit field and the event raised when it comes on.
 *
 * @param bit        the bit's mask, a single bit of the 32-bit field
 * @param definition the event raised when the bit goes from 0 to 1; it carries no values (the bit coming on is
 *                   the whole story)
 */
public record BitEvent(long bit, EventDefinition definition) {

    /**
     * @param variable the bit field's variable name, for the description
     * @param bit      the bit's mask
     * @param id       the identifier's name part; never an iRacing variable name, so that it cannot clash with a
     *                 channel of the {@code full} preset
     * @param name     what happened, as a person says it
     * @param priority how urgently an engineer should see it
     * @param meaning  what the bit means
     * @return the bit and its event, identifier {@code id:iRacing}
     */
    static BitEvent of(String variable, long bit, String id, String name, EventPriority priority, String meaning) {
        return new BitEvent(bit, EventDefinition.builder(id + ":" + ChannelCatalog.APPLICATION)
                .name(name).priority(priority).description("Came on in " + variable + ": " + meaning).build());
    }
}
