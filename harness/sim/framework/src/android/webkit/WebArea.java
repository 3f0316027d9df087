package android.webkit;

import android.content.Context;
import android.view.ViewGroup;

/** A container node of a page's accessibility tree (the document, a paragraph with links). */
final class WebArea extends ViewGroup {
    WebArea(Context context) {
        super(context);
    }

    @Override
    protected void onLayout(boolean changed, int left, int top, int right, int bottom) {
        // placed by the simulated layout pass (com.privacyprobe.sim.Layout)
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return "android.view.View";
    }
}
