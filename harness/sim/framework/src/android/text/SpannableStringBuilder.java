package android.text;

public class SpannableStringBuilder implements Editable {
    private final StringBuilder mText;

    public SpannableStringBuilder() {
        this("");
    }

    public SpannableStringBuilder(CharSequence text) {
        mText = new StringBuilder(text == null ? "" : text);
    }

    @Override
    public Editable replace(int st, int en, CharSequence text) {
        mText.replace(st, en, text.toString());
        return this;
    }

    @Override
    public Editable insert(int where, CharSequence text) {
        mText.insert(where, text);
        return this;
    }

    @Override
    public Editable delete(int st, int en) {
        mText.delete(st, en);
        return this;
    }

    @Override
    public SpannableStringBuilder append(CharSequence text) {
        mText.append(text);
        return this;
    }

    @Override
    public SpannableStringBuilder append(CharSequence text, int start, int end) {
        mText.append(text, start, end);
        return this;
    }

    @Override
    public SpannableStringBuilder append(char text) {
        mText.append(text);
        return this;
    }

    @Override
    public void clear() {
        mText.setLength(0);
    }

    @Override
    public int length() {
        return mText.length();
    }

    @Override
    public char charAt(int index) {
        return mText.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new SpannableStringBuilder(mText.subSequence(start, end));
    }

    @Override
    public String toString() {
        return mText.toString();
    }
}
