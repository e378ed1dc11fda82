/**
 * The {@code csv} source: replays CSV telemetry logs (logger exports, rig recordings, spreadsheets), one or more
 * files, plain or gzip, in real time or as fast as downstream demands, streaming in constant memory.
 */
package io.slipstream.csv;
