package com.privacyprobe.sim;

/**
 * The app's monotonic clock (SystemClock.uptimeMillis / elapsedRealtime, Handler and Looper
 * timing, sensor event timestamps). It runs at `rate` times wall time: the harness fast-forwards
 * it (`clock RATE`) so that a minute of app time costs about a second while it only watches, and
 * sets it back to 1 before it interacts. A new process starts at rate 1. Time read through the JDK
 * (System.currentTimeMillis, Thread.sleep, java.util.Timer, ScheduledExecutorService) is not
 * fast-forwarded.
 */
public final class SimClock {
    public static final double MAX_RATE = 1000.0;
    private static final long ORIGIN = System.nanoTime();
    private static long baseWall = ORIGIN;
    private static long baseApp;
    private static double rate = 1.0;

    private SimClock() {
    }

    /** App time since the process started, in nanoseconds. */
    public static synchronized long nanos() {
        return baseApp + (long) ((System.nanoTime() - baseWall) * rate);
    }

    public static synchronized double rate() {
        return rate;
    }

    /** Changes the rate from now on; every waiting looper recomputes its wait. */
    public static void setRate(double newRate) {
        if (!(newRate >= 1.0 && newRate <= MAX_RATE)) {
            throw new IllegalArgumentException("clock rate must be between 1 and " + MAX_RATE + ": " + newRate);
        }
        synchronized (SimClock.class) {
            baseApp = nanos();
            baseWall = System.nanoTime();
            rate = newRate;
        }
        android.os.MessageQueue.wakeAll();
    }

    /** How long to wait in wall time for `appMillis` of app time to pass (at least 1 ms). */
    public static long wallMillis(long appMillis) {
        double current = rate();
        return Math.max(1, (long) Math.ceil(appMillis / current));
    }
}
