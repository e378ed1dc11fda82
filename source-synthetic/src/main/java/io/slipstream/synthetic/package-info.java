/**
 * The {@code synthetic} source: generated signals (sine, cosine, ramp, square, seeded noise, step, constant,
 * lap counter, pit flag) at rates from 1 Hz to 10 kHz, paced in real time on the context's scheduler or
 * produced as fast as downstream demands.
 */
package io.slipstream.synthetic;
