package io.slipstream.atlaskafka.inspect;

/** Where a rule class reports a violation it saw on one stream of a session. */
@FunctionalInterface
interface Report {

    /**
     * @param rule    the rule's name
     * @param packet  the offending record, or null when the rule is about something missing
     * @param message what was wrong and what was expected
     */
    void add(String rule, LandedPacket packet, String message);
}
