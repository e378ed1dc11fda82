package io.slipstream.streamapi;

/**
 * An embedded stack with a client of our stubs, started once per test class and closed after it (client first).
 *
 * @param stack  the stack
 * @param client a client of its Stream API and Key Generator
 */
record RunningStack(EmbeddedStack stack, StackClient client) implements AutoCloseable {

    /** @param options the stack's options @return the started stack and its client */
    static RunningStack start(StackOptions options) {
        EmbeddedStack stack = EmbeddedStack.start(options);
        return new RunningStack(stack, new StackClient(stack.streamApiAddress(), stack.keyGeneratorAddress()));
    }

    /** @param running a stack, or null when it did not start */
    static void stop(RunningStack running) throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            client.close();
        } finally {
            stack.close();
        }
    }
}
