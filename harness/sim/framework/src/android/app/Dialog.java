package android.app;

import android.content.Context;
import android.content.ContextWrapper;
import android.content.DialogInterface;
import android.os.Bundle;
import android.view.View;
import android.view.ViewGroup;
import android.view.Window;
import android.view.WindowManager;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import com.privacyprobe.sim.ResourceIds;
import com.privacyprobe.sim.SimRuntime;
import com.privacyprobe.sim.SimWindow;
import com.privacyprobe.sim.Windows;

public class Dialog implements DialogInterface {
    private final Context mContext;
    private final Activity mOwnerActivity;
    final FrameLayout mDecor;
    private final TextView mTitleView;
    final FrameLayout mContentParent;
    private final Window mWindow;
    boolean mCancelable = true;
    boolean mCanceledOnTouchOutside = true;
    private boolean mCreated;
    private boolean mShowing;
    private boolean mCanceled;
    private SimWindow mSimWindow;
    private OnCancelListener mCancelListener;
    private OnDismissListener mDismissListener;
    private OnShowListener mShowListener;

    public Dialog(Context context) {
        this(context, 0);
    }

    public Dialog(Context context, int themeResId) {
        if (context == null) {
            throw new NullPointerException("context");
        }
        mContext = context;
        mOwnerActivity = findActivity(context);
        mDecor = new FrameLayout(context);
        LinearLayout column = new LinearLayout(context);
        column.setOrientation(LinearLayout.VERTICAL);
        mTitleView = new TextView(context);
        ResourceIds.assign(mTitleView, "android:id/title");
        mTitleView.setVisibility(View.GONE);
        mContentParent = new FrameLayout(context);
        ResourceIds.assign(mContentParent, "android:id/content");
        column.addView(mTitleView);
        column.addView(mContentParent, new LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
        mDecor.addView(column, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
        mWindow = new Window(context) {
            @Override
            public View getDecorView() {
                return mDecor;
            }
        };
    }

    protected Dialog(Context context, boolean cancelable, OnCancelListener cancelListener) {
        this(context);
        mCancelable = cancelable;
        mCancelListener = cancelListener;
    }

    private static Activity findActivity(Context context) {
        Context current = context;
        while (current instanceof ContextWrapper) {
            if (current instanceof Activity) {
                return (Activity) current;
            }
            current = ((ContextWrapper) current).getBaseContext();
        }
        return null;
    }

    public final Context getContext() {
        return mContext;
    }

    public final Activity getOwnerActivity() {
        return mOwnerActivity;
    }

    public Window getWindow() {
        return mWindow;
    }

    protected void onCreate(Bundle savedInstanceState) {
    }

    protected void onStart() {
    }

    protected void onStop() {
    }

    public void create() {
        if (!mCreated) {
            onCreate(null);
            mCreated = true;
        }
    }

    public void show() {
        if (mShowing) {
            return;
        }
        if (mOwnerActivity == null) {
            throw new WindowManager.BadTokenException(
                    "Unable to add window -- token null is not for an application");
        }
        if (!ActivityThread.isUsable(mOwnerActivity)) {
            throw new WindowManager.BadTokenException("Unable to add window -- token android.os.BinderProxy@"
                    + Integer.toHexString(System.identityHashCode(mOwnerActivity)) + " is not valid; is your activity running?");
        }
        mCanceled = false;
        create();
        onStart();
        mSimWindow = new SimWindow(SimWindow.Kind.DIALOG, SimRuntime.packageName(), mDecor, mOwnerActivity);
        mSimWindow.size(Windows.DIALOG_WIDTH, ViewGroup.LayoutParams.WRAP_CONTENT, android.view.Gravity.CENTER, 0, 0);
        mSimWindow.visibleWhen(() -> ActivityThread.isShown(mOwnerActivity));
        mSimWindow.onOutsideTap(true, () -> {
            if (mCancelable && mCanceledOnTouchOutside) {
                cancel();
                return "canceled dialog";
            }
            return "nothing (outside a dialog that stays)";
        });
        mSimWindow.onBack(() -> {
            onBackPressed();
            return mCancelable ? "canceled dialog" : "nothing (dialog is not cancelable)";
        });
        Windows.add(mSimWindow);
        mShowing = true;
        if (mShowListener != null) {
            mShowListener.onShow(this);
        }
    }

    public void hide() {
        if (mSimWindow != null) {
            Windows.remove(mSimWindow);
        }
        mShowing = false;
    }

    @Override
    public void dismiss() {
        if (!mShowing && mSimWindow == null) {
            return;
        }
        if (mSimWindow != null) {
            Windows.remove(mSimWindow);
            mSimWindow = null;
        }
        mShowing = false;
        onStop();
        if (mDismissListener != null) {
            mDismissListener.onDismiss(this);
        }
    }

    @Override
    public void cancel() {
        if (!mCanceled) {
            mCanceled = true;
            if (mCancelListener != null) {
                mCancelListener.onCancel(this);
            }
        }
        dismiss();
    }

    public boolean isShowing() {
        return mShowing;
    }

    public void onBackPressed() {
        if (mCancelable) {
            cancel();
        }
    }

    public void setCancelable(boolean flag) {
        mCancelable = flag;
    }

    public void setCanceledOnTouchOutside(boolean cancel) {
        if (cancel && !mCancelable) {
            mCancelable = true;
        }
        mCanceledOnTouchOutside = cancel;
    }

    public void setContentView(View view) {
        mContentParent.removeAllViews();
        mContentParent.addView(view, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
    }

    public void setContentView(View view, ViewGroup.LayoutParams params) {
        mContentParent.removeAllViews();
        mContentParent.addView(view, params);
    }

    public void addContentView(View view, ViewGroup.LayoutParams params) {
        mContentParent.addView(view, params);
    }

    @SuppressWarnings("unchecked")
    public <T extends View> T findViewById(int id) {
        return (T) mDecor.findViewById(id);
    }

    public void setTitle(CharSequence title) {
        mTitleView.setText(title);
        mTitleView.setVisibility(title == null || title.length() == 0 ? View.GONE : View.VISIBLE);
    }

    public void setOnCancelListener(OnCancelListener listener) {
        mCancelListener = listener;
    }

    public void setOnDismissListener(OnDismissListener listener) {
        mDismissListener = listener;
    }

    public void setOnShowListener(OnShowListener listener) {
        mShowListener = listener;
    }
}
