package android.widget;

import android.content.Context;
import android.graphics.Color;
import android.text.Editable;
import android.text.InputType;
import android.text.TextWatcher;
import android.view.View;
import java.util.ArrayList;
import java.util.List;

public class TextView extends View {
    private CharSequence mText = "";
    private CharSequence mHint;
    private float mTextSize = 14f;
    private int mTextColor = Color.BLACK;
    private int mGravity;
    private int mInputType = InputType.TYPE_CLASS_TEXT;
    private int mMaxLines = Integer.MAX_VALUE;
    private List<TextWatcher> mListeners;

    public TextView(Context context) {
        super(context);
    }

    /** EditText keeps an Editable; plain text views keep what they were given. */
    CharSequence transformText(CharSequence text) {
        return text;
    }

    public final void setText(CharSequence text) {
        CharSequence newText = transformText(text == null ? "" : text);
        CharSequence old = mText;
        if (mListeners != null) {
            for (TextWatcher watcher : new ArrayList<>(mListeners)) {
                watcher.beforeTextChanged(old, 0, old.length(), newText.length());
            }
        }
        mText = newText;
        if (!old.toString().contentEquals(newText)) {
            com.privacyprobe.sim.UiEvents.changed();
        }
        if (mListeners != null) {
            for (TextWatcher watcher : new ArrayList<>(mListeners)) {
                watcher.onTextChanged(newText, 0, old.length(), newText.length());
            }
            if (newText instanceof Editable) {
                for (TextWatcher watcher : new ArrayList<>(mListeners)) {
                    watcher.afterTextChanged((Editable) newText);
                }
            }
        }
    }

    public CharSequence getText() {
        return mText;
    }

    public final void append(CharSequence text) {
        setText(mText.toString() + text);
    }

    public int length() {
        return mText.length();
    }

    public final void setHint(CharSequence hint) {
        mHint = hint;
    }

    public CharSequence getHint() {
        return mHint;
    }

    public void setTextSize(float size) {
        mTextSize = size;
    }

    public void setTextSize(int unit, float size) {
        mTextSize = size;
    }

    public float getTextSize() {
        return mTextSize;
    }

    public void setTextColor(int color) {
        mTextColor = color;
    }

    public final int getCurrentTextColor() {
        return mTextColor;
    }

    public void setGravity(int gravity) {
        mGravity = gravity;
    }

    public int getGravity() {
        return mGravity;
    }

    public void setInputType(int type) {
        mInputType = type;
    }

    public int getInputType() {
        return mInputType;
    }

    public void setSingleLine() {
        mMaxLines = 1;
    }

    public void setSingleLine(boolean singleLine) {
        mMaxLines = singleLine ? 1 : Integer.MAX_VALUE;
    }

    public void setMaxLines(int maxLines) {
        mMaxLines = maxLines;
    }

    public int getMaxLines() {
        return mMaxLines;
    }

    public void setLines(int lines) {
        mMaxLines = lines;
    }

    public void setError(CharSequence error) {
    }

    public void addTextChangedListener(TextWatcher watcher) {
        if (mListeners == null) {
            mListeners = new ArrayList<>();
        }
        mListeners.add(watcher);
    }

    public void removeTextChangedListener(TextWatcher watcher) {
        if (mListeners != null) {
            mListeners.remove(watcher);
        }
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return TextView.class.getName();
    }
}
