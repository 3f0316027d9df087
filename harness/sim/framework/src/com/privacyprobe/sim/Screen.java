package com.privacyprobe.sim;

/** The simulated display: a 1080x2340 portrait phone with an 80 px status bar. */
public final class Screen {
    public static final int WIDTH = 1080;
    public static final int HEIGHT = 2340;
    public static final int STATUS_BAR_HEIGHT = 80;

    private Screen() {
    }
}
