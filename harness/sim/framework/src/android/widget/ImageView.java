package android.widget;

import android.content.Context;
import android.graphics.drawable.Drawable;
import android.view.View;

public class ImageView extends View {
    public enum ScaleType {
        MATRIX, FIT_XY, FIT_START, FIT_CENTER, FIT_END, CENTER, CENTER_CROP, CENTER_INSIDE
    }

    private Drawable mDrawable;
    private int mResource;
    private ScaleType mScaleType = ScaleType.FIT_CENTER;

    public ImageView(Context context) {
        super(context);
    }

    public void setImageResource(int resId) {
        mResource = resId;
    }

    public void setImageDrawable(Drawable drawable) {
        mDrawable = drawable;
    }

    public Drawable getDrawable() {
        return mDrawable;
    }

    public void setScaleType(ScaleType scaleType) {
        mScaleType = scaleType;
    }

    public ScaleType getScaleType() {
        return mScaleType;
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return ImageView.class.getName();
    }
}
