package android.content;

public class ClipDescription {
    public static final String MIMETYPE_TEXT_PLAIN = "text/plain";
    public static final String MIMETYPE_TEXT_HTML = "text/html";
    public static final String MIMETYPE_TEXT_URILIST = "text/uri-list";

    private final CharSequence mLabel;
    private final String[] mMimeTypes;

    public ClipDescription(CharSequence label, String[] mimeTypes) {
        mLabel = label;
        mMimeTypes = mimeTypes.clone();
    }

    public CharSequence getLabel() {
        return mLabel;
    }

    public int getMimeTypeCount() {
        return mMimeTypes.length;
    }

    public String getMimeType(int index) {
        return mMimeTypes[index];
    }

    public boolean hasMimeType(String mimeType) {
        for (String type : mMimeTypes) {
            if (type.equals(mimeType) || (mimeType.endsWith("/*") && type.startsWith(mimeType.substring(0, mimeType.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ClipDescription { " + String.join(" ", mMimeTypes) + " }";
    }
}
