package android.os;

public final class SystemClock {
    // The simulated device has been up for an hour when the process starts.
    private static final long BOOT_OFFSET_NANOS = 3_600_000_000_000L;
    private static final long ORIGIN_NANOS = System.nanoTime();

    private SystemClock() {}

    public static long uptimeMillis() {
        return elapsedRealtimeNanos() / 1_000_000L;
    }

    public static long elapsedRealtime() {
        return elapsedRealtimeNanos() / 1_000_000L;
    }

    public static long elapsedRealtimeNanos() {
        return System.nanoTime() - ORIGIN_NANOS + BOOT_OFFSET_NANOS;
    }

    public static long currentThreadTimeMillis() {
        return uptimeMillis();
    }

    public static void sleep(long ms) {
        long end = uptimeMillis() + ms;
        boolean interrupted = false;
        long left = ms;
        while (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            left = end - uptimeMillis();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
