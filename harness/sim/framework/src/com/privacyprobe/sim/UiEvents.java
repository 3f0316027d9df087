package com.privacyprobe.sim;

/**
 * When the screen last changed, as the accessibility event stream tells `uiautomator`: a text,
 * visibility, enabled or checked state, the view tree or the window stack changed, or a view was
 * invalidated (an animation). `uiautomator dump` waits until no event came for its idle timeout
 * (UiAutomation.waitForIdle(1000, 10000) in frameworks/base/cmds/uiautomator/cmds/uiautomator/src/
 * com/android/commands/uiautomator/DumpCommand.java) and fails with "ERROR: could not get idle
 * state." when the screen never settles. Times are app time (SimClock).
 */
public final class UiEvents {
    public static final String NOT_IDLE = "ERROR: could not get idle state.";
    private static volatile long lastChangeNanos;

    private UiEvents() {
    }

    public static void changed() {
        lastChangeNanos = SimClock.nanos();
    }

    /**
     * Waits, as a freshly connected UiAutomation does, until no change came for `idleMs` of app
     * time counted from the call; false when `globalMs` passed first.
     */
    static boolean waitForIdle(long idleMs, long globalMs) {
        long start = SimClock.nanos();
        while (true) {
            long now = SimClock.nanos();
            if ((now - start) / 1_000_000L >= globalMs) {
                return false;
            }
            long quietSince = Math.max(start, lastChangeNanos);
            long idleLeft = idleMs - (now - quietSince) / 1_000_000L;
            if (idleLeft <= 0) {
                return true;
            }
            try {
                Thread.sleep(SimClock.wallMillis(Math.min(idleLeft, globalMs - (now - start) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
