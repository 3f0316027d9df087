package com.privacyprobe.sim;

import android.text.InputType;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Checkable;
import android.widget.ScrollView;
import android.widget.TextView;

/**
 * The focused window as `uiautomator dump` writes it (frameworks/base/cmds/uiautomator/library/
 * core-src/com/android/uiautomator/core/AccessibilityNodeInfoDumper.java): invisible and gone views
 * are left out but still count in their siblings' `index`; `NAF="true"` comes first on an enabled
 * clickable node without text or content-desc none of whose descendants has any; characters XML
 * 1.1 calls discouraged become '.'.
 */
final class Dump {
    private Dump() {
    }

    static String focusedWindow() {
        SimWindow window = Windows.focused();
        Windows.layout(window);
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">");
        node(out, window.decor, 0, window.packageName);
        out.append("</hierarchy>");
        return out.toString();
    }

    static boolean isPassword(View view) {
        if (!(view instanceof TextView)) {
            return false;
        }
        int type = ((TextView) view).getInputType();
        int kind = type & InputType.TYPE_MASK_CLASS;
        int variation = type & InputType.TYPE_MASK_VARIATION;
        return (kind == InputType.TYPE_CLASS_TEXT && (variation == InputType.TYPE_TEXT_VARIATION_PASSWORD
                || variation == InputType.TYPE_TEXT_VARIATION_WEB_PASSWORD))
                || (kind == InputType.TYPE_CLASS_NUMBER && variation == InputType.TYPE_NUMBER_VARIATION_PASSWORD);
    }

    static String shownText(View view) {
        if (!(view instanceof TextView)) {
            return "";
        }
        CharSequence text = ((TextView) view).getText();
        String value = text == null ? "" : text.toString();
        return isPassword(view) ? "\u2022".repeat(value.codePointCount(0, value.length())) : value;
    }

    private static final String[] NAF_EXCLUDED_CLASSES = {"android.widget.GridView", "android.widget.GridLayout",
        "android.widget.ListView", "android.widget.TableLayout"};

    private static String description(View view) {
        CharSequence description = view.getContentDescription();
        return description == null ? "" : description.toString();
    }

    /** Not Accessibility Friendly: clickable and enabled, with no text or description of its own or below. */
    private static boolean isNaf(View view) {
        String className = String.valueOf(view.getAccessibilityClassName());
        for (String excluded : NAF_EXCLUDED_CLASSES) {
            if (className.endsWith(excluded)) {
                return false;
            }
        }
        return view.isClickable() && view.isEnabled() && description(view).isEmpty() && shownText(view).isEmpty()
                && !childDescribed(view);
    }

    private static boolean childDescribed(View view) {
        if (!(view instanceof ViewGroup)) {
            return false;
        }
        ViewGroup group = (ViewGroup) view;
        for (int i = 0; i < group.getChildCount(); i++) {
            View child = group.getChildAt(i);
            if (!description(child).isEmpty() || !shownText(child).isEmpty() || childDescribed(child)) {
                return true;
            }
        }
        return false;
    }

    private static void node(StringBuilder out, View view, int index, String packageName) {
        String description = description(view);
        out.append("<node");
        if (isNaf(view)) {
            out.append(" NAF=\"true\"");
        }
        out.append(" index=\"").append(index).append('"');
        attr(out, "text", shownText(view));
        attr(out, "resource-id", ResourceIds.of(view));
        attr(out, "class", String.valueOf(view.getAccessibilityClassName()));
        attr(out, "package", packageName);
        attr(out, "content-desc", description);
        attr(out, "checkable", String.valueOf(view instanceof Checkable));
        attr(out, "checked", String.valueOf(view instanceof Checkable && ((Checkable) view).isChecked()));
        attr(out, "clickable", String.valueOf(view.isClickable()));
        attr(out, "enabled", String.valueOf(view.isEnabled()));
        attr(out, "focusable", String.valueOf(view.isFocusable()));
        attr(out, "focused", String.valueOf(view.isFocused()));
        attr(out, "scrollable", String.valueOf(view instanceof ScrollView));
        attr(out, "long-clickable", String.valueOf(view.isLongClickable()));
        attr(out, "password", String.valueOf(isPassword(view)));
        attr(out, "selected", String.valueOf(view.isSelected()));
        attr(out, "bounds", "[" + view.getLeft() + "," + view.getTop() + "][" + view.getRight() + "," + view.getBottom() + "]");
        int emitted = 0;
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                View child = group.getChildAt(i);
                if (child.getVisibility() != View.VISIBLE) {
                    continue;
                }
                if (emitted++ == 0) {
                    out.append('>');
                }
                node(out, child, i, packageName);
            }
        }
        out.append(emitted == 0 ? " />" : "</node>");
    }

    private static void attr(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(out, value);
        out.append('"');
    }

    /** Characters AccessibilityNodeInfoDumper.stripInvalidXMLChars writes as '.'. */
    static boolean isStripped(char c) {
        return (c >= 0x1 && c <= 0x8) || c == 0xB || c == 0xC || (c >= 0xE && c <= 0x1F) || (c >= 0x7F && c <= 0x84)
                || (c >= 0x86 && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDDF);
    }

    /**
     * XML attribute escaping as the serializer does it (`&amp; &lt; &gt; &quot;`, and `&#10; &#13;
     * &#9;` for line breaks and tabs), after uiautomator's '.' replacement. NUL, lone surrogates
     * and U+FFFE/U+FFFF, which the serializer cannot write at all, are written as '.' too.
     */
    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isStripped(c)) {
                out.append('.');
                continue;
            }
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\n':
                    out.append("&#10;");
                    break;
                case '\r':
                    out.append("&#13;");
                    break;
                case '\t':
                    out.append("&#9;");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append('.');
                    } else {
                        out.append(c);
                    }
            }
        }
    }
}
