package android.widget;

import android.content.Context;

public class RadioButton extends CompoundButton {
    public RadioButton(Context context) {
        super(context);
    }

    /** A radio button is only ever turned on by a tap (frameworks/base/core/java/android/widget/RadioButton.java). */
    @Override
    public void toggle() {
        if (!isChecked()) {
            super.toggle();
        }
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return RadioButton.class.getName();
    }
}
