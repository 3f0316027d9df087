package com.privacyprobe.sim;

import android.view.Gravity;
import android.view.View;
import android.view.ViewGroup;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for measure/layout: rows of 150 px, text wrapping at a fixed glyph
 * width, vertical stacking, equal horizontal splits, frame children at their gravity.
 */
final class Layout {
    static final int ROW = 150;
    static final int LINE = 60;
    static final int GLYPH = 24;
    static final int TEXT_PADDING = 40;

    private Layout() {
    }

    private static boolean horizontal(View view) {
        return view instanceof LinearLayout && ((LinearLayout) view).getOrientation() == LinearLayout.HORIZONTAL;
    }

    private static List<View> laidOutChildren(ViewGroup group) {
        List<View> children = new ArrayList<>();
        for (int i = 0; i < group.getChildCount(); i++) {
            View child = group.getChildAt(i);
            if (child.getVisibility() != View.GONE) {
                children.add(child);
            }
        }
        return children;
    }

    private static int childWidth(View child, int parentWidth) {
        ViewGroup.LayoutParams params = child.getLayoutParams();
        return params != null && params.width > 0 ? Math.min(params.width, parentWidth) : parentWidth;
    }

    static int measure(View view, int width) {
        if (view.getVisibility() == View.GONE) {
            return 0;
        }
        ViewGroup.LayoutParams params = view.getLayoutParams();
        if (params != null && params.height > 0) {
            return params.height;
        }
        int inner = Math.max(1, width - view.getPaddingLeft() - view.getPaddingRight());
        int height;
        if (view instanceof ViewGroup) {
            List<View> children = laidOutChildren((ViewGroup) view);
            height = 0;
            if (horizontal(view)) {
                int share = children.isEmpty() ? inner : Math.max(1, inner / children.size());
                for (View child : children) {
                    height = Math.max(height, measure(child, share));
                }
            } else if (view instanceof FrameLayout) {
                for (View child : children) {
                    height = Math.max(height, measure(child, childWidth(child, inner)));
                }
            } else {
                for (View child : children) {
                    height += measure(child, childWidth(child, inner));
                }
            }
        } else if (view instanceof TextView) {
            height = Math.max(ROW, lines(((TextView) view).getText(), inner).size() * LINE + 60);
        } else {
            height = ROW;
        }
        return Math.max(height + view.getPaddingTop() + view.getPaddingBottom(), view.getMinimumHeight());
    }

    static void place(View view, int left, int top, int width, int height) {
        view.layout(left, top, left + width, top + height);
        if (!(view instanceof ViewGroup)) {
            return;
        }
        int innerLeft = left + view.getPaddingLeft();
        int innerTop = top + view.getPaddingTop();
        int innerWidth = Math.max(0, width - view.getPaddingLeft() - view.getPaddingRight());
        int innerHeight = Math.max(0, height - view.getPaddingTop() - view.getPaddingBottom());
        List<View> children = laidOutChildren((ViewGroup) view);
        if (horizontal(view)) {
            int x = innerLeft;
            int share = children.isEmpty() ? innerWidth : innerWidth / children.size();
            int rowHeight = 0;
            for (View child : children) {
                rowHeight = Math.max(rowHeight, measure(child, share));
            }
            for (int i = 0; i < children.size(); i++) {
                View child = children.get(i);
                int childWidth = i == children.size() - 1 ? innerLeft + innerWidth - x : share;
                ViewGroup.LayoutParams params = child.getLayoutParams();
                int childHeight = params != null && params.height == ViewGroup.LayoutParams.MATCH_PARENT ? innerHeight
                        : rowHeight;
                place(child, x, innerTop, childWidth, childHeight);
                x += childWidth;
            }
        } else if (view instanceof FrameLayout) {
            for (View child : children) {
                int childWidth = childWidth(child, innerWidth);
                ViewGroup.LayoutParams params = child.getLayoutParams();
                int childHeight = params != null && params.height == ViewGroup.LayoutParams.MATCH_PARENT ? innerHeight
                        : measure(child, childWidth);
                int gravity = params instanceof FrameLayout.LayoutParams ? ((FrameLayout.LayoutParams) params).gravity : -1;
                int x = innerLeft;
                int y = innerTop;
                if (gravity != -1) {
                    int horizontalGravity = gravity & Gravity.HORIZONTAL_GRAVITY_MASK;
                    int verticalGravity = gravity & Gravity.VERTICAL_GRAVITY_MASK;
                    if (horizontalGravity == Gravity.CENTER_HORIZONTAL) {
                        x += (innerWidth - childWidth) / 2;
                    } else if (horizontalGravity == Gravity.RIGHT) {
                        x += innerWidth - childWidth;
                    }
                    if (verticalGravity == Gravity.CENTER_VERTICAL) {
                        y += (innerHeight - childHeight) / 2;
                    } else if (verticalGravity == Gravity.BOTTOM) {
                        y += innerHeight - childHeight;
                    }
                }
                place(child, x, y, childWidth, childHeight);
            }
        } else {
            int y = innerTop;
            for (View child : children) {
                int childWidth = childWidth(child, innerWidth);
                int childHeight = measure(child, childWidth);
                place(child, innerLeft, y, childWidth, childHeight);
                y += childHeight;
            }
        }
    }

    /** Wide (CJK, fullwidth) characters take two glyph cells. */
    static List<String> lines(CharSequence text, int width) {
        int cellsPerLine = Math.max(1, (width - TEXT_PADDING) / GLYPH);
        List<String> lines = new ArrayList<>();
        String value = text == null ? "" : text.toString();
        for (String paragraph : value.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            int cells = 0;
            int i = 0;
            while (i < paragraph.length()) {
                int codePoint = paragraph.codePointAt(i);
                int size = isWide(codePoint) ? 2 : 1;
                if (cells + size > cellsPerLine && line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                    cells = 0;
                }
                line.appendCodePoint(codePoint);
                cells += size;
                i += Character.charCount(codePoint);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean isWide(int codePoint) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return codePoint >= 0x1100 && (block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HIRAGANA || block == Character.UnicodeBlock.KATAKANA
                || block == Character.UnicodeBlock.HANGUL_SYLLABLES
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                || Character.getType(codePoint) == Character.OTHER_SYMBOL);
    }
}
