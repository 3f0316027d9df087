package com.privacyprobe.sim;

import android.view.View;
import android.view.ViewGroup;
import android.view.ViewParent;
import android.widget.EditText;
import android.widget.TextView;
import java.util.List;

/** Taps, BACK and text input, dispatched to the window stack as the input system would. */
final class Input {
    private Input() {
    }

    static String tap(int x, int y) {
        List<SimWindow> windows = Windows.visible();
        for (int i = windows.size() - 1; i >= 0; i--) {
            SimWindow window = windows.get(i);
            Windows.layout(window);
            if (window.contains(x, y)) {
                return tapInside(window, x, y);
            }
            String outcome = window.outsideAction == null ? null : window.outsideAction.get();
            if (window.consumeOutside) {
                return outcome != null ? outcome : "nothing (outside the " + window.describe() + ")";
            }
        }
        return "nothing";
    }

    private static String tapInside(SimWindow window, int x, int y) {
        View hit = deepest(window.decor, x, y);
        View target = hit;
        while (target != null && !target.isClickable()) {
            ViewParent parent = target.getParent();
            target = parent instanceof View ? (View) parent : null;
        }
        if (target == null) {
            return "nothing (no clickable view at " + x + "," + y + " in the " + window.describe() + ")";
        }
        if (!target.isEnabled()) {
            return "nothing (disabled " + describe(target) + ")";
        }
        if (target instanceof EditText) {
            target.requestFocus();
        }
        String description = describe(target);
        target.performClick();
        return "clicked " + description;
    }

    private static View deepest(View view, int x, int y) {
        if (view.getVisibility() != View.VISIBLE || x < view.getLeft() || x >= view.getRight() || y < view.getTop()
                || y >= view.getBottom()) {
            return null;
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = group.getChildCount() - 1; i >= 0; i--) {
                View found = deepest(group.getChildAt(i), x, y);
                if (found != null) {
                    return found;
                }
            }
        }
        return view;
    }

    static String describe(View view) {
        StringBuilder out = new StringBuilder(String.valueOf(view.getAccessibilityClassName()));
        String id = ResourceIds.of(view);
        if (!id.isEmpty()) {
            out.append(" ").append(id);
        }
        String text = Dump.shownText(view);
        if (!text.isEmpty()) {
            out.append(" \"").append(text.length() > 60 ? text.substring(0, 60) + "…" : text).append('"');
        } else if (view.getContentDescription() != null) {
            out.append(" desc=\"").append(view.getContentDescription()).append('"');
        }
        out.append(" [").append(view.getLeft()).append(',').append(view.getTop()).append("][").append(view.getRight())
                .append(',').append(view.getBottom()).append(']');
        return out.toString();
    }

    static String back() {
        List<SimWindow> windows = Windows.visible();
        for (int i = windows.size() - 1; i >= 0; i--) {
            SimWindow window = windows.get(i);
            if (window.backAction != null) {
                return window.backAction.get();
            }
        }
        return "nothing";
    }

    static String text(String value) throws CommandException {
        SimWindow window = Windows.focused();
        EditText field = findEditText(window.decor, true);
        if (field == null) {
            field = findEditText(window.decor, false);
        }
        if (field == null) {
            throw new CommandException("no EditText in the focused window (" + window.describe() + ")");
        }
        field.requestFocus();
        field.setText(value);
        Windows.layout(window);
        return "typed into " + describe(field);
    }

    private static EditText findEditText(View view, boolean focusedOnly) {
        if (view.getVisibility() != View.VISIBLE) {
            return null;
        }
        if (view instanceof EditText && view.isEnabled() && (!focusedOnly || view.isFocused())) {
            return (EditText) view;
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                EditText found = findEditText(group.getChildAt(i), focusedOnly);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

}
