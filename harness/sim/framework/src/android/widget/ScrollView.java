package android.widget;

import android.content.Context;

public class ScrollView extends FrameLayout {
    public ScrollView(Context context) {
        super(context);
    }

    public void scrollTo(int x, int y) {
    }

    public boolean fullScroll(int direction) {
        return false;
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return ScrollView.class.getName();
    }
}
