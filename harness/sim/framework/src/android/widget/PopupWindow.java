package android.widget;

import android.app.ActivityThread;
import android.content.Context;
import android.graphics.drawable.Drawable;
import android.view.Gravity;
import android.view.View;
import android.view.ViewGroup;
import android.view.WindowManager;
import com.privacyprobe.sim.SimRuntime;
import com.privacyprobe.sim.SimWindow;
import com.privacyprobe.sim.Windows;

public class PopupWindow {
    public interface OnDismissListener {
        void onDismiss();
    }

    private final Context mContext;
    private View mContentView;
    private FrameLayout mDecor;
    private int mWidth;
    private int mHeight;
    private boolean mFocusable;
    private boolean mOutsideTouchable;
    private boolean mTouchable = true;
    private boolean mShowing;
    private Drawable mBackground;
    private OnDismissListener mOnDismissListener;
    private SimWindow mWindow;

    public PopupWindow(Context context) {
        mContext = context;
        mWidth = ViewGroup.LayoutParams.WRAP_CONTENT;
        mHeight = ViewGroup.LayoutParams.WRAP_CONTENT;
    }

    public PopupWindow() {
        this(null, 0, 0);
    }

    public PopupWindow(View contentView) {
        this(contentView, 0, 0);
    }

    public PopupWindow(int width, int height) {
        this(null, width, height);
    }

    public PopupWindow(View contentView, int width, int height) {
        this(contentView, width, height, false);
    }

    public PopupWindow(View contentView, int width, int height, boolean focusable) {
        mContext = contentView == null ? null : contentView.getContext();
        mContentView = contentView;
        mWidth = width;
        mHeight = height;
        mFocusable = focusable;
    }

    public void setContentView(View contentView) {
        if (!mShowing) {
            mContentView = contentView;
        }
    }

    public View getContentView() {
        return mContentView;
    }

    public void setWidth(int width) {
        mWidth = width;
    }

    public int getWidth() {
        return mWidth;
    }

    public void setHeight(int height) {
        mHeight = height;
    }

    public int getHeight() {
        return mHeight;
    }

    public void setFocusable(boolean focusable) {
        mFocusable = focusable;
    }

    public boolean isFocusable() {
        return mFocusable;
    }

    public void setOutsideTouchable(boolean touchable) {
        mOutsideTouchable = touchable;
    }

    public boolean isOutsideTouchable() {
        return mOutsideTouchable;
    }

    public void setTouchable(boolean touchable) {
        mTouchable = touchable;
    }

    public boolean isTouchable() {
        return mTouchable;
    }

    public void setBackgroundDrawable(Drawable background) {
        mBackground = background;
    }

    public Drawable getBackground() {
        return mBackground;
    }

    public void setAnimationStyle(int animationStyle) {
    }

    public void setElevation(float elevation) {
    }

    public void setClippingEnabled(boolean enabled) {
    }

    public void setOnDismissListener(OnDismissListener onDismissListener) {
        mOnDismissListener = onDismissListener;
    }

    public boolean isShowing() {
        return mShowing;
    }

    public void update() {
    }

    public void showAtLocation(View parent, int gravity, int x, int y) {
        show(parent, gravity, x, y);
    }

    public void showAsDropDown(View anchor) {
        showAsDropDown(anchor, 0, 0);
    }

    public void showAsDropDown(View anchor, int xoff, int yoff) {
        showAsDropDown(anchor, xoff, yoff, Gravity.TOP | Gravity.START);
    }

    public void showAsDropDown(View anchor, int xoff, int yoff, int gravity) {
        Windows.layoutAll();
        show(anchor, Gravity.NO_GRAVITY, anchor.getLeft() + xoff, anchor.getBottom() + yoff);
    }

    private void show(View parent, int gravity, int x, int y) {
        if (mShowing || mContentView == null) {
            return;
        }
        SimWindow host = parent == null ? null : Windows.windowOf(parent);
        Object owner = host == null ? null : host.owner();
        if (host == null || !(owner instanceof android.app.Activity)
                || !ActivityThread.canAttachWindows((android.app.Activity) owner)) {
            throw new WindowManager.BadTokenException("Unable to add window -- token null is not valid; is your activity running?");
        }
        android.app.Activity activity = (android.app.Activity) owner;
        if (mContentView.getParent() instanceof ViewGroup) {
            ((ViewGroup) mContentView.getParent()).removeView(mContentView);
        }
        mDecor = new FrameLayout(mContentView.getContext());
        mDecor.addView(mContentView, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                mHeight == ViewGroup.LayoutParams.MATCH_PARENT ? ViewGroup.LayoutParams.MATCH_PARENT
                        : ViewGroup.LayoutParams.WRAP_CONTENT));
        mWindow = new SimWindow(SimWindow.Kind.POPUP, SimRuntime.packageName(), mDecor, activity);
        mWindow.size(mWidth == 0 ? ViewGroup.LayoutParams.WRAP_CONTENT : mWidth,
                mHeight == 0 ? ViewGroup.LayoutParams.WRAP_CONTENT : mHeight, gravity, x, y);
        mWindow.visibleWhen(() -> ActivityThread.isShown(activity));
        mWindow.focusable(mFocusable);
        boolean dismissOutside = mFocusable || mOutsideTouchable;
        mWindow.onOutsideTap(mFocusable, dismissOutside ? () -> {
            dismiss();
            return "dismissed popup";
        } : null);
        if (mFocusable) {
            mWindow.onBack(() -> {
                dismiss();
                return "dismissed popup";
            });
        }
        Windows.add(mWindow);
        mShowing = true;
    }

    public void dismiss() {
        if (!mShowing) {
            return;
        }
        mShowing = false;
        Windows.remove(mWindow);
        mWindow = null;
        if (mDecor != null) {
            mDecor.removeView(mContentView);
            mDecor = null;
        }
        if (mOnDismissListener != null) {
            mOnDismissListener.onDismiss();
        }
    }
}
