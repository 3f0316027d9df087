package android.webkit;

import android.content.Context;
import android.widget.TextView;

/**
 * One node of a page's accessibility tree as Chrome exposes it to uiautomator: text blocks and
 * links are "android.view.View", role=button elements "android.widget.Button" (Chromium
 * content/public/android/java/src/org/chromium/content/browser/accessibility/
 * WebContentsAccessibilityImpl.java, which sets each node's class name from its role).
 */
final class WebNode extends TextView {
    private final String mClassName;

    WebNode(Context context, String className, CharSequence text) {
        super(context);
        mClassName = className;
        setText(text);
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return mClassName;
    }
}
