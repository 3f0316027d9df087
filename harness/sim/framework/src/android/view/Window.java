package android.view;

import android.content.Context;

public abstract class Window {
    public static final int FEATURE_NO_TITLE = 1;
    public static final int FEATURE_ACTION_BAR = 8;

    private final Context mContext;
    private final WindowManager.LayoutParams mAttributes = new WindowManager.LayoutParams();

    public Window(Context context) {
        mContext = context;
    }

    public final Context getContext() {
        return mContext;
    }

    public abstract View getDecorView();

    public View peekDecorView() {
        return getDecorView();
    }

    public final WindowManager.LayoutParams getAttributes() {
        return mAttributes;
    }

    public void setAttributes(WindowManager.LayoutParams a) {
        mAttributes.flags = a.flags;
        mAttributes.gravity = a.gravity;
    }

    public void addFlags(int flags) {
        mAttributes.flags |= flags;
    }

    public void clearFlags(int flags) {
        mAttributes.flags &= ~flags;
    }

    public void setFlags(int flags, int mask) {
        mAttributes.flags = (mAttributes.flags & ~mask) | (flags & mask);
    }

    public boolean requestFeature(int featureId) {
        return true;
    }

    public void setSoftInputMode(int mode) {
    }

    public void setStatusBarColor(int color) {
    }

    public void setNavigationBarColor(int color) {
    }

    public void setBackgroundDrawableResource(int resId) {
    }

    public void setLayout(int width, int height) {
    }

    public void setGravity(int gravity) {
        mAttributes.gravity = gravity;
    }
}
