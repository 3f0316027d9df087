package android.view;

import android.content.Context;
import android.graphics.drawable.ColorDrawable;
import android.graphics.drawable.Drawable;
import android.os.Handler;
import android.os.Looper;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

public class View {
    public static final int VISIBLE = 0x00000000;
    public static final int INVISIBLE = 0x00000004;
    public static final int GONE = 0x00000008;
    public static final int NO_ID = -1;
    public static final int FOCUSABLE_AUTO = 0x00000010;
    public static final int FOCUSABLE = 0x00000001;
    public static final int NOT_FOCUSABLE = 0x00000000;
    public static final int TEXT_ALIGNMENT_CENTER = 4;

    private static final AtomicInteger NEXT_GENERATED_ID = new AtomicInteger(1);

    public interface OnClickListener {
        void onClick(View v);
    }

    public interface OnLongClickListener {
        boolean onLongClick(View v);
    }

    public interface OnFocusChangeListener {
        void onFocusChange(View v, boolean hasFocus);
    }

    protected Context mContext;
    private int mId = NO_ID;
    private Object mTag;
    private Map<Integer, Object> mKeyedTags;
    private int mVisibility = VISIBLE;
    private boolean mClickable;
    private boolean mLongClickable;
    private boolean mEnabled = true;
    private boolean mFocusable;
    private boolean mFocused;
    private boolean mSelected;
    private CharSequence mContentDescription;
    private OnClickListener mOnClickListener;
    private OnLongClickListener mOnLongClickListener;
    private OnFocusChangeListener mOnFocusChangeListener;
    private ViewGroup.LayoutParams mLayoutParams;
    ViewParent mParent;
    private Drawable mBackground;
    private float mAlpha = 1f;
    private int mLeft;
    private int mTop;
    private int mRight;
    private int mBottom;
    private int mPaddingLeft;
    private int mPaddingTop;
    private int mPaddingRight;
    private int mPaddingBottom;
    private int mMinimumHeight;
    private int mMinimumWidth;

    public View(Context context) {
        mContext = context;
    }

    public static int generateViewId() {
        return NEXT_GENERATED_ID.getAndIncrement() | 0x01000000;
    }

    public final Context getContext() {
        return mContext;
    }

    public void setId(int id) {
        mId = id;
    }

    public int getId() {
        return mId;
    }

    public void setTag(Object tag) {
        mTag = tag;
    }

    public Object getTag() {
        return mTag;
    }

    public void setTag(int key, Object tag) {
        if (mKeyedTags == null) {
            mKeyedTags = new HashMap<>();
        }
        mKeyedTags.put(key, tag);
    }

    public Object getTag(int key) {
        return mKeyedTags == null ? null : mKeyedTags.get(key);
    }

    public void setVisibility(int visibility) {
        if (mVisibility != (visibility & (INVISIBLE | GONE))) {
            com.privacyprobe.sim.UiEvents.changed();
        }
        mVisibility = visibility & (INVISIBLE | GONE);
    }

    public int getVisibility() {
        return mVisibility;
    }

    public boolean isShown() {
        View current = this;
        while (current != null) {
            if (current.mVisibility != VISIBLE) {
                return false;
            }
            ViewParent parent = current.mParent;
            current = parent instanceof View ? (View) parent : null;
        }
        return true;
    }

    public void setClickable(boolean clickable) {
        mClickable = clickable;
    }

    public boolean isClickable() {
        return mClickable;
    }

    public void setLongClickable(boolean longClickable) {
        mLongClickable = longClickable;
    }

    public boolean isLongClickable() {
        return mLongClickable;
    }

    public void setEnabled(boolean enabled) {
        if (mEnabled != enabled) {
            com.privacyprobe.sim.UiEvents.changed();
        }
        mEnabled = enabled;
    }

    public boolean isEnabled() {
        return mEnabled;
    }

    public void setFocusable(boolean focusable) {
        mFocusable = focusable;
    }

    public void setFocusable(int focusable) {
        mFocusable = focusable != NOT_FOCUSABLE;
    }

    public final boolean isFocusable() {
        return mFocusable;
    }

    public void setFocusableInTouchMode(boolean focusableInTouchMode) {
        if (focusableInTouchMode) {
            mFocusable = true;
        }
    }

    public boolean isFocused() {
        return mFocused;
    }

    public boolean hasFocus() {
        return mFocused;
    }

    public final boolean requestFocus() {
        if (!mFocusable || mVisibility != VISIBLE) {
            return false;
        }
        View root = getRootView();
        clearFocusIn(root);
        mFocused = true;
        if (mOnFocusChangeListener != null) {
            mOnFocusChangeListener.onFocusChange(this, true);
        }
        return true;
    }

    private static void clearFocusIn(View view) {
        if (view.mFocused) {
            view.mFocused = false;
            if (view.mOnFocusChangeListener != null) {
                view.mOnFocusChangeListener.onFocusChange(view, false);
            }
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                clearFocusIn(group.getChildAt(i));
            }
        }
    }

    public void clearFocus() {
        if (mFocused) {
            clearFocusIn(this);
        }
    }

    public void setOnFocusChangeListener(OnFocusChangeListener l) {
        mOnFocusChangeListener = l;
    }

    public OnFocusChangeListener getOnFocusChangeListener() {
        return mOnFocusChangeListener;
    }

    public void setSelected(boolean selected) {
        mSelected = selected;
    }

    public boolean isSelected() {
        return mSelected;
    }

    public void setContentDescription(CharSequence contentDescription) {
        mContentDescription = contentDescription;
    }

    public CharSequence getContentDescription() {
        return mContentDescription;
    }

    public void setOnClickListener(OnClickListener l) {
        if (!isClickable()) {
            setClickable(true);
        }
        mOnClickListener = l;
    }

    public boolean hasOnClickListeners() {
        return mOnClickListener != null;
    }

    public void setOnLongClickListener(OnLongClickListener l) {
        if (!isLongClickable()) {
            setLongClickable(true);
        }
        mOnLongClickListener = l;
    }

    public boolean performClick() {
        if (mOnClickListener != null) {
            mOnClickListener.onClick(this);
            return true;
        }
        return false;
    }

    public boolean callOnClick() {
        if (mOnClickListener != null) {
            mOnClickListener.onClick(this);
            return true;
        }
        return false;
    }

    public boolean performLongClick() {
        return mOnLongClickListener != null && mOnLongClickListener.onLongClick(this);
    }

    public void setLayoutParams(ViewGroup.LayoutParams params) {
        if (params == null) {
            throw new NullPointerException("Layout parameters cannot be null");
        }
        mLayoutParams = params;
    }

    public ViewGroup.LayoutParams getLayoutParams() {
        return mLayoutParams;
    }

    public final ViewParent getParent() {
        return mParent;
    }

    public View getRootView() {
        View root = this;
        while (root.mParent instanceof View) {
            root = (View) root.mParent;
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    public final <T extends View> T findViewById(int id) {
        if (id == NO_ID) {
            return null;
        }
        return (T) findViewTraversal(id);
    }

    View findViewTraversal(int id) {
        return id == mId ? this : null;
    }

    @SuppressWarnings("unchecked")
    public final <T extends View> T findViewWithTag(Object tag) {
        return tag == null ? null : (T) findViewWithTagTraversal(tag);
    }

    View findViewWithTagTraversal(Object tag) {
        return tag.equals(mTag) ? this : null;
    }

    public void setBackgroundColor(int color) {
        mBackground = new ColorDrawable(color);
    }

    public void setBackground(Drawable background) {
        mBackground = background;
    }

    @Deprecated
    public void setBackgroundDrawable(Drawable background) {
        mBackground = background;
    }

    public void setBackgroundResource(int resid) {
    }

    public Drawable getBackground() {
        return mBackground;
    }

    public void setAlpha(float alpha) {
        mAlpha = alpha;
    }

    public float getAlpha() {
        return mAlpha;
    }

    public void setPadding(int left, int top, int right, int bottom) {
        mPaddingLeft = left;
        mPaddingTop = top;
        mPaddingRight = right;
        mPaddingBottom = bottom;
    }

    public int getPaddingLeft() {
        return mPaddingLeft;
    }

    public int getPaddingTop() {
        return mPaddingTop;
    }

    public int getPaddingRight() {
        return mPaddingRight;
    }

    public int getPaddingBottom() {
        return mPaddingBottom;
    }

    public void setMinimumHeight(int minHeight) {
        mMinimumHeight = minHeight;
    }

    public int getMinimumHeight() {
        return mMinimumHeight;
    }

    public void setMinimumWidth(int minWidth) {
        mMinimumWidth = minWidth;
    }

    public int getMinimumWidth() {
        return mMinimumWidth;
    }

    public void layout(int l, int t, int r, int b) {
        mLeft = l;
        mTop = t;
        mRight = r;
        mBottom = b;
    }

    public final int getLeft() {
        return mLeft;
    }

    public final int getTop() {
        return mTop;
    }

    public final int getRight() {
        return mRight;
    }

    public final int getBottom() {
        return mBottom;
    }

    public final int getWidth() {
        return mRight - mLeft;
    }

    public final int getHeight() {
        return mBottom - mTop;
    }

    /** Bounds are kept in screen coordinates on the sim, so this is the view's own position. */
    public void getLocationOnScreen(int[] outLocation) {
        outLocation[0] = mLeft;
        outLocation[1] = mTop;
    }

    public void getLocationInWindow(int[] outLocation) {
        getLocationOnScreen(outLocation);
    }

    public void invalidate() {
        com.privacyprobe.sim.UiEvents.changed();
    }

    public void requestLayout() {
    }

    public void setTextAlignment(int textAlignment) {
    }

    private static Handler sUiHandler;

    public Handler getHandler() {
        synchronized (View.class) {
            if (sUiHandler == null) {
                sUiHandler = new Handler(Looper.getMainLooper());
            }
            return sUiHandler;
        }
    }

    public boolean post(Runnable action) {
        return getHandler().post(action);
    }

    public boolean postDelayed(Runnable action, long delayMillis) {
        return getHandler().postDelayed(action, delayMillis);
    }

    public boolean removeCallbacks(Runnable action) {
        getHandler().removeCallbacks(action);
        return true;
    }

    public CharSequence getAccessibilityClassName() {
        return View.class.getName();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(getClass().getName());
        out.append('{').append(Integer.toHexString(System.identityHashCode(this)));
        out.append(mVisibility == VISIBLE ? " V" : mVisibility == INVISIBLE ? " I" : " G");
        out.append(mClickable ? "C" : ".").append(mEnabled ? "E" : ".");
        out.append(' ').append(mLeft).append(',').append(mTop).append('-').append(mRight).append(',').append(mBottom);
        if (mId != NO_ID) {
            out.append(" #").append(Integer.toHexString(mId));
        }
        return out.append('}').toString();
    }
}
