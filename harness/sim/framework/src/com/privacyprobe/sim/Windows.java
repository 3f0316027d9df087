package com.privacyprobe.sim;

import android.app.ActivityThread;
import android.view.Gravity;
import android.view.View;
import android.view.ViewGroup;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.util.ArrayList;
import java.util.List;

/**
 * The window stack: activity windows, then dialogs and popups in show order, then the permission
 * dialog on top. Mutated on the main thread only.
 */
public final class Windows {
    public static final int DIALOG_WIDTH = 900;
    private static final List<SimWindow> STACK = new ArrayList<>();
    private static final List<Toast> TOASTS = new ArrayList<>();
    private static volatile int permissionWindows;

    private Windows() {
    }

    static final class Toast {
        final String text;
        final long until;

        Toast(String text, long until) {
            this.text = text;
            this.until = until;
        }
    }

    public static synchronized void add(SimWindow window) {
        if (STACK.contains(window)) {
            return;
        }
        int index = STACK.size();
        if (window.kind != SimWindow.Kind.PERMISSION) {
            while (index > 0 && STACK.get(index - 1).kind == SimWindow.Kind.PERMISSION) {
                index--;
            }
        } else {
            permissionWindows++;
        }
        STACK.add(index, window);
        UiEvents.changed();
    }

    public static synchronized void remove(SimWindow window) {
        if (window != null && STACK.remove(window)) {
            UiEvents.changed();
            if (window.kind == SimWindow.Kind.PERMISSION) {
                permissionWindows--;
            }
        }
    }

    public static synchronized void removeOwnedBy(Object owner) {
        for (SimWindow window : new ArrayList<>(STACK)) {
            if (window.owner() == owner && window.kind != SimWindow.Kind.PERMISSION) {
                if (window.kind != SimWindow.Kind.ACTIVITY) {
                    System.err.println("E/WindowManager: Activity " + owner + " has leaked window " + window.describe());
                }
                STACK.remove(window);
            }
        }
    }

    public static boolean permissionShowing() {
        return permissionWindows > 0;
    }

    /** The window a view is attached to, found through its root view. */
    public static synchronized SimWindow windowOf(View view) {
        View root = view.getRootView();
        for (SimWindow window : STACK) {
            if (window.decor == root) {
                return window;
            }
        }
        return null;
    }

    /** Visible windows bottom to top; only the system screen while another package is in front. */
    static synchronized List<SimWindow> visible() {
        List<SimWindow> shown = new ArrayList<>();
        if (!Foreground.isApp()) {
            shown.add(systemWindow());
            return shown;
        }
        for (SimWindow window : STACK) {
            if (window.isVisible()) {
                shown.add(window);
            }
        }
        if (shown.isEmpty()) {
            shown.add(blankAppWindow());
        }
        return shown;
    }

    /**
     * The window with input focus, whose content `uiautomator dump` shows
     * (UiAutomation.getRootInActiveWindow): the topmost visible window that can take focus. A
     * PopupWindow is not focusable unless setFocusable(true) (frameworks/base/core/java/android/
     * widget/PopupWindow.java adds FLAG_NOT_FOCUSABLE), so the window under it is dumped while the
     * pop-up is still on screen (and in screenshots).
     */
    static SimWindow focused() {
        List<SimWindow> shown = visible();
        for (int i = shown.size() - 1; i > 0; i--) {
            if (shown.get(i).focusable) {
                return shown.get(i);
            }
        }
        return shown.get(0);
    }

    public static void layoutAll() {
        for (SimWindow window : visible()) {
            layout(window);
        }
    }

    static void layout(SimWindow window) {
        int availableTop = window.kind == SimWindow.Kind.ACTIVITY || window.kind == SimWindow.Kind.SYSTEM ? 0
                : Screen.STATUS_BAR_HEIGHT;
        int availableHeight = Screen.HEIGHT - availableTop;
        int width = window.width == ViewGroup.LayoutParams.MATCH_PARENT ? Screen.WIDTH
                : window.width == ViewGroup.LayoutParams.WRAP_CONTENT ? DIALOG_WIDTH
                : Math.min(window.width, Screen.WIDTH);
        int height;
        if (window.height == ViewGroup.LayoutParams.MATCH_PARENT) {
            height = availableHeight;
        } else if (window.height == ViewGroup.LayoutParams.WRAP_CONTENT) {
            height = Math.min(Math.max(Layout.measure(window.decor, width), 1), availableHeight);
        } else {
            height = Math.min(window.height, availableHeight);
        }
        int left;
        int top;
        int horizontal = window.gravity & Gravity.HORIZONTAL_GRAVITY_MASK;
        int vertical = window.gravity & Gravity.VERTICAL_GRAVITY_MASK;
        if (horizontal == Gravity.CENTER_HORIZONTAL) {
            left = (Screen.WIDTH - width) / 2 + window.offsetX;
        } else if (horizontal == Gravity.RIGHT) {
            left = Screen.WIDTH - width - window.offsetX;
        } else {
            left = window.offsetX;
        }
        if (vertical == Gravity.CENTER_VERTICAL) {
            top = availableTop + (availableHeight - height) / 2 + window.offsetY;
        } else if (vertical == Gravity.BOTTOM) {
            top = Screen.HEIGHT - height - window.offsetY;
        } else {
            top = availableTop + window.offsetY;
        }
        window.left = left;
        window.top = top;
        window.right = left + width;
        window.bottom = top + height;
        Layout.place(window.decor, left, top, width, height);
    }

    // ---- toasts (drawn on screenshots; never focused, so not in dumps) ----

    public static synchronized void showToast(String text, long durationMs) {
        TOASTS.add(new Toast(text, System.currentTimeMillis() + durationMs));
    }

    public static synchronized void cancelToast() {
        TOASTS.clear();
    }

    static synchronized List<Toast> activeToasts() {
        long now = System.currentTimeMillis();
        TOASTS.removeIf(t -> t.until < now);
        return new ArrayList<>(TOASTS);
    }

    // ---- screens of other packages ----

    private static SimWindow systemWindow() {
        String packageName = Foreground.otherPackage();
        FrameLayout decor = new FrameLayout(null);
        decor.setPadding(0, Screen.STATUS_BAR_HEIGHT, 0, 0);
        LinearLayout column = new LinearLayout(null);
        column.setOrientation(LinearLayout.VERTICAL);
        decor.addView(column);
        if (Foreground.isLauncher()) {
            ResourceIds.assign(column, Foreground.LAUNCHER + ":id/workspace");
            for (String installed : SimRuntime.installedPackages()) {
                TextView icon = new TextView(null);
                boolean own = installed.equals(SimRuntime.packageName());
                String label = own ? SimRuntime.appLabel() : installed;
                icon.setText(label);
                icon.setContentDescription(label);
                icon.setOnClickListener(v -> {
                    if (own) {
                        ActivityThread.handleStart();
                    } else {
                        Foreground.other(installed, "");
                    }
                });
                column.addView(icon);
            }
        } else {
            TextView shown = new TextView(null);
            ResourceIds.assign(shown, packageName.equals("com.android.chrome") ? "com.android.chrome:id/url_bar" : "");
            shown.setText(Foreground.otherShown());
            column.addView(shown);
        }
        SimWindow window = new SimWindow(SimWindow.Kind.SYSTEM, packageName, decor, null);
        window.onBack(ActivityThread::handleBackFromOtherApp);
        return window;
    }

    private static SimWindow blankAppWindow() {
        FrameLayout decor = new FrameLayout(null);
        return new SimWindow(SimWindow.Kind.SYSTEM, SimRuntime.packageName(), decor, null);
    }
}
