package android.widget;

import android.content.Context;

public class ImageButton extends ImageView {
    public ImageButton(Context context) {
        super(context);
        setClickable(true);
        setFocusable(true);
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return ImageButton.class.getName();
    }
}
