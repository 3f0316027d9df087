package android.os;

public final class SystemClock {
    private static final long ORIGIN = System.nanoTime();

    private SystemClock() {
    }

    public static long uptimeMillis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000L + 1_000L;
    }

    public static long elapsedRealtime() {
        return uptimeMillis();
    }

    public static long elapsedRealtimeNanos() {
        return System.nanoTime() - ORIGIN + 1_000_000_000L;
    }

    public static long currentThreadTimeMillis() {
        return uptimeMillis();
    }

    public static void sleep(long ms) {
        long end = uptimeMillis() + ms;
        long left = ms;
        while (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                // SystemClock.sleep ignores interrupts, as on Android
            }
            left = end - uptimeMillis();
        }
    }
}
