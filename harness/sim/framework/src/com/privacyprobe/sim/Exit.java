package com.privacyprobe.sim;

/**
 * Every way out of the process. A JVM whose main() returns hangs in DestroyJavaVM while Frida's
 * non-daemon thread is attached, so the process always ends through System.exit or Runtime.halt.
 */
public final class Exit {
    private static final long HALT_AFTER_MS = 1500;

    private Exit() {
    }

    public static void exit(int status) {
        flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        }, "sim-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(status);
    }

    /** Like SIGKILL: no shutdown hooks. */
    public static void kill() {
        flush();
        Runtime.getRuntime().halt(137);
    }

    public static void flush() {
        System.out.flush();
        System.err.flush();
    }
}
