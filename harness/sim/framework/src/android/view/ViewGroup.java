package android.view;

import android.content.Context;
import java.util.ArrayList;
import java.util.List;

public abstract class ViewGroup extends View implements ViewParent {
    public static class LayoutParams {
        @Deprecated
        public static final int FILL_PARENT = -1;
        public static final int MATCH_PARENT = -1;
        public static final int WRAP_CONTENT = -2;

        public int width;
        public int height;

        public LayoutParams(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public LayoutParams(LayoutParams source) {
            this.width = source.width;
            this.height = source.height;
        }
    }

    public static class MarginLayoutParams extends LayoutParams {
        public int leftMargin;
        public int topMargin;
        public int rightMargin;
        public int bottomMargin;

        public MarginLayoutParams(int width, int height) {
            super(width, height);
        }

        public MarginLayoutParams(LayoutParams source) {
            super(source);
        }

        public void setMargins(int left, int top, int right, int bottom) {
            leftMargin = left;
            topMargin = top;
            rightMargin = right;
            bottomMargin = bottom;
        }
    }

    private final List<View> mChildren = new ArrayList<>();

    public ViewGroup(Context context) {
        super(context);
    }

    protected abstract void onLayout(boolean changed, int l, int t, int r, int b);

    protected LayoutParams generateDefaultLayoutParams() {
        return new LayoutParams(LayoutParams.WRAP_CONTENT, LayoutParams.WRAP_CONTENT);
    }

    public void addView(View child) {
        addView(child, -1);
    }

    public void addView(View child, int index) {
        LayoutParams params = child.getLayoutParams();
        addView(child, index, params != null ? params : generateDefaultLayoutParams());
    }

    public void addView(View child, int width, int height) {
        addView(child, -1, new LayoutParams(width, height));
    }

    public void addView(View child, LayoutParams params) {
        addView(child, -1, params);
    }

    public void addView(View child, int index, LayoutParams params) {
        if (child == null) {
            throw new IllegalArgumentException("Cannot add a null child view to a ViewGroup");
        }
        if (child.mParent != null) {
            throw new IllegalStateException("The specified child already has a parent. "
                    + "You must call removeView() on the child's parent first.");
        }
        if (params != null) {
            child.setLayoutParams(params);
        }
        if (index < 0 || index > mChildren.size()) {
            mChildren.add(child);
        } else {
            mChildren.add(index, child);
        }
        child.mParent = this;
        com.privacyprobe.sim.UiEvents.changed();
    }

    public void removeView(View view) {
        if (mChildren.remove(view)) {
            view.mParent = null;
            com.privacyprobe.sim.UiEvents.changed();
        }
    }

    public void removeViewAt(int index) {
        View child = mChildren.remove(index);
        child.mParent = null;
        com.privacyprobe.sim.UiEvents.changed();
    }

    public void removeAllViews() {
        for (View child : mChildren) {
            child.mParent = null;
        }
        mChildren.clear();
        com.privacyprobe.sim.UiEvents.changed();
    }

    public int getChildCount() {
        return mChildren.size();
    }

    public View getChildAt(int index) {
        return index < 0 || index >= mChildren.size() ? null : mChildren.get(index);
    }

    public int indexOfChild(View child) {
        return mChildren.indexOf(child);
    }

    @Override
    View findViewTraversal(int id) {
        if (id == getId()) {
            return this;
        }
        for (View child : mChildren) {
            View found = child.findViewTraversal(id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    View findViewWithTagTraversal(Object tag) {
        if (tag.equals(getTag())) {
            return this;
        }
        for (View child : mChildren) {
            View found = child.findViewWithTagTraversal(tag);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return ViewGroup.class.getName();
    }
}
