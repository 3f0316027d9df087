package android.os;

import com.privacyprobe.sim.SimClock;

/** The app's clock: runs at the rate the harness sets (com.privacyprobe.sim.SimClock). */
public final class SystemClock {
    private SystemClock() {
    }

    public static long uptimeMillis() {
        return SimClock.nanos() / 1_000_000L + 1_000L;
    }

    public static long elapsedRealtime() {
        return uptimeMillis();
    }

    public static long elapsedRealtimeNanos() {
        return SimClock.nanos() + 1_000_000_000L;
    }

    public static long currentThreadTimeMillis() {
        return uptimeMillis();
    }

    public static void sleep(long ms) {
        long end = uptimeMillis() + ms;
        long left = ms;
        while (left > 0) {
            try {
                Thread.sleep(SimClock.wallMillis(left));
            } catch (InterruptedException e) {
                // SystemClock.sleep ignores interrupts, as on Android
            }
            left = end - uptimeMillis();
        }
    }
}
