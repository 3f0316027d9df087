package com.privacyprobe.sim;

import android.view.View;
import android.view.ViewGroup;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** One window on the sim screen: its decor view, placement, and how it answers BACK and outside taps. */
public final class SimWindow {
    public enum Kind {
        ACTIVITY, DIALOG, POPUP, PERMISSION, SYSTEM
    }

    final Kind kind;
    final String packageName;
    final View decor;
    private final Object owner;
    BooleanSupplier visible = () -> true;
    boolean focusable = true;
    int width = ViewGroup.LayoutParams.MATCH_PARENT;
    int height = ViewGroup.LayoutParams.MATCH_PARENT;
    int gravity;
    int offsetX;
    int offsetY;
    boolean consumeOutside;
    Supplier<String> outsideAction;
    Supplier<String> backAction;
    int left;
    int top;
    int right = Screen.WIDTH;
    int bottom = Screen.HEIGHT;

    public SimWindow(Kind kind, String packageName, View decor, Object owner) {
        this.kind = kind;
        this.packageName = packageName;
        this.decor = decor;
        this.owner = owner;
    }

    public Object owner() {
        return owner;
    }

    public Kind kind() {
        return kind;
    }

    public void visibleWhen(BooleanSupplier condition) {
        visible = condition;
    }

    public void size(int width, int height, int gravity, int x, int y) {
        this.width = width;
        this.height = height;
        this.gravity = gravity;
        this.offsetX = x;
        this.offsetY = y;
    }

    /** consume: the tap stops here (modal); action: run on an outside tap, may be null. */
    public void onOutsideTap(boolean consume, Supplier<String> action) {
        consumeOutside = consume;
        outsideAction = action;
    }

    /** A window that cannot take input focus (FLAG_NOT_FOCUSABLE) is never what a UI dump shows. */
    public void focusable(boolean canFocus) {
        focusable = canFocus;
    }

    public void onBack(Supplier<String> action) {
        backAction = action;
    }

    boolean isVisible() {
        return visible.getAsBoolean();
    }

    boolean contains(int x, int y) {
        return x >= left && x < right && y >= top && y < bottom;
    }

    String describe() {
        return kind.name().toLowerCase() + " of " + packageName;
    }
}
