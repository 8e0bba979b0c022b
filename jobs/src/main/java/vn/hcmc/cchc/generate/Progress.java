package vn.hcmc.cchc.generate;

/** Reported after every export day: days done of the range, records written so far, and the rate. */
public record Progress(int daysDone, int daysTotal, long linesWritten, double linesPerSecond) {}
