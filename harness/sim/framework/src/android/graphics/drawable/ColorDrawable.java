package android.graphics.drawable;

public class ColorDrawable extends Drawable {
    private int mColor;

    public ColorDrawable() {
    }

    public ColorDrawable(int color) {
        mColor = color;
    }

    public int getColor() {
        return mColor;
    }

    public void setColor(int color) {
        mColor = color;
    }
}
