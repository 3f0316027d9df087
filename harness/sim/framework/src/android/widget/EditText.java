package android.widget;

import android.content.Context;
import android.text.Editable;
import android.text.SpannableStringBuilder;

public class EditText extends TextView {
    public EditText(Context context) {
        super(context);
        setClickable(true);
        setLongClickable(true);
        setFocusable(true);
        setText("");
    }

    @Override
    CharSequence transformText(CharSequence text) {
        return new SpannableStringBuilder(text);
    }

    @Override
    public Editable getText() {
        CharSequence text = super.getText();
        if (text instanceof Editable) {
            return (Editable) text;
        }
        return new SpannableStringBuilder(text);
    }

    public void setSelection(int index) {
    }

    public void setSelection(int start, int stop) {
    }

    public void selectAll() {
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return EditText.class.getName();
    }
}
