package android.content;

import android.net.Uri;
import java.util.ArrayList;
import java.util.List;

public class ClipData {
    public static class Item {
        final CharSequence mText;
        final String mHtmlText;
        final Intent mIntent;
        final Uri mUri;

        public Item(CharSequence text) {
            this(text, null, null, null);
        }

        public Item(CharSequence text, String htmlText) {
            this(text, htmlText, null, null);
        }

        public Item(Intent intent) {
            this(null, null, intent, null);
        }

        public Item(Uri uri) {
            this(null, null, null, uri);
        }

        public Item(CharSequence text, Intent intent, Uri uri) {
            this(text, null, intent, uri);
        }

        public Item(CharSequence text, String htmlText, Intent intent, Uri uri) {
            mText = text;
            mHtmlText = htmlText;
            mIntent = intent;
            mUri = uri;
        }

        public CharSequence getText() {
            return mText;
        }

        public String getHtmlText() {
            return mHtmlText;
        }

        public Intent getIntent() {
            return mIntent;
        }

        public Uri getUri() {
            return mUri;
        }

        public CharSequence coerceToText(Context context) {
            if (mText != null) {
                return mText;
            }
            if (mUri != null) {
                return mUri.toString();
            }
            if (mIntent != null) {
                return mIntent.toString();
            }
            return "";
        }

        @Override
        public String toString() {
            return "ClipData.Item { " + (mText != null ? "T:" + mText : mUri != null ? "U:" + mUri : "NULL") + " }";
        }
    }

    private final ClipDescription mClipDescription;
    private final List<Item> mItems = new ArrayList<>();

    public ClipData(CharSequence label, String[] mimeTypes, Item item) {
        this(new ClipDescription(label, mimeTypes), item);
    }

    public ClipData(ClipDescription description, Item item) {
        if (item == null) {
            throw new NullPointerException("item is null");
        }
        mClipDescription = description;
        mItems.add(item);
    }

    public ClipData(ClipData other) {
        mClipDescription = other.mClipDescription;
        mItems.addAll(other.mItems);
    }

    public static ClipData newPlainText(CharSequence label, CharSequence text) {
        return new ClipData(label, new String[] {ClipDescription.MIMETYPE_TEXT_PLAIN}, new Item(text));
    }

    public static ClipData newHtmlText(CharSequence label, CharSequence text, String htmlText) {
        return new ClipData(label, new String[] {ClipDescription.MIMETYPE_TEXT_HTML}, new Item(text, htmlText));
    }

    public static ClipData newIntent(CharSequence label, Intent intent) {
        return new ClipData(label, new String[] {"text/vnd.android.intent"}, new Item(intent));
    }

    public static ClipData newRawUri(CharSequence label, Uri uri) {
        return new ClipData(label, new String[] {ClipDescription.MIMETYPE_TEXT_URILIST}, new Item(uri));
    }

    public ClipDescription getDescription() {
        return mClipDescription;
    }

    public void addItem(Item item) {
        mItems.add(item);
    }

    public int getItemCount() {
        return mItems.size();
    }

    public Item getItemAt(int index) {
        return mItems.get(index);
    }

    @Override
    public String toString() {
        return "ClipData { " + mClipDescription + " " + mItems + " }";
    }
}
