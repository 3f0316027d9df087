package android.widget;

import android.content.Context;
import android.os.Looper;
import android.view.View;
import com.privacyprobe.sim.Windows;

public class Toast {
    public static final int LENGTH_SHORT = 0;
    public static final int LENGTH_LONG = 1;

    private final Context mContext;
    private CharSequence mText;
    private int mDuration;
    private View mNextView;

    public Toast(Context context) {
        if (Looper.myLooper() == null) {
            throw new RuntimeException("Can't toast on a thread that has not called Looper.prepare()");
        }
        mContext = context;
    }

    public static Toast makeText(Context context, CharSequence text, int duration) {
        Toast toast = new Toast(context);
        toast.mText = text;
        toast.mDuration = duration;
        return toast;
    }

    public void show() {
        if (mText == null && mNextView == null) {
            throw new RuntimeException("setView must have been called");
        }
        CharSequence shown = mText;
        if (shown == null && mNextView instanceof TextView) {
            shown = ((TextView) mNextView).getText();
        }
        Windows.showToast(shown == null ? "" : shown.toString(), mDuration == LENGTH_LONG ? 3500 : 2000);
    }

    public void cancel() {
        Windows.cancelToast();
    }

    public void setText(CharSequence s) {
        mText = s;
    }

    public void setDuration(int duration) {
        mDuration = duration;
    }

    public int getDuration() {
        return mDuration;
    }

    public void setView(View view) {
        mNextView = view;
    }

    public View getView() {
        return mNextView;
    }

    public void setGravity(int gravity, int xOffset, int yOffset) {
    }
}
