package android.content;

import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import android.os.Bundle;
import android.os.CancellationSignal;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the device's contacts, call log and SMS providers from the profile. Selection and sort
 * order are not evaluated: every planted row is returned.
 */
public class ContentResolver {
    public static final String SCHEME_CONTENT = "content";
    public static final String SCHEME_FILE = "file";
    public static final String SCHEME_ANDROID_RESOURCE = "android.resource";
    public static final String QUERY_ARG_SQL_SELECTION = "android:query-arg-sql-selection";
    public static final String QUERY_ARG_SQL_SELECTION_ARGS = "android:query-arg-sql-selection-args";
    public static final String QUERY_ARG_SQL_SORT_ORDER = "android:query-arg-sql-sort-order";

    private final Context mContext;

    public ContentResolver(Context context) {
        mContext = context;
    }

    public final Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder) {
        return query(uri, projection, selection, selectionArgs, sortOrder, null);
    }

    public final Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder,
            CancellationSignal cancellationSignal) {
        Bundle queryArgs = null;
        if (selection != null || selectionArgs != null || sortOrder != null) {
            queryArgs = new Bundle();
            if (selection != null) {
                queryArgs.putString(QUERY_ARG_SQL_SELECTION, selection);
            }
            if (selectionArgs != null) {
                queryArgs.putStringArray(QUERY_ARG_SQL_SELECTION_ARGS, selectionArgs);
            }
            if (sortOrder != null) {
                queryArgs.putString(QUERY_ARG_SQL_SORT_ORDER, sortOrder);
            }
        }
        return query(uri, projection, queryArgs, cancellationSignal);
    }

    public final Cursor query(Uri uri, String[] projection, Bundle queryArgs, CancellationSignal cancellationSignal) {
        if (uri == null) {
            throw new NullPointerException("uri");
        }
        if (cancellationSignal != null) {
            cancellationSignal.throwIfCanceled();
        }
        String authority = uri.getAuthority();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!SCHEME_CONTENT.equals(uri.getScheme()) || authority == null) {
            return null;
        }
        switch (authority) {
            case "com.android.contacts":
            case "contacts":
                Permissions.enforce("query", Permissions.READ_CONTACTS);
                return contacts(path, projection);
            case "call_log":
                Permissions.enforce("query", Permissions.READ_CALL_LOG);
                return path.startsWith("/calls") ? callLog(projection) : null;
            case "sms":
                Permissions.enforce("query", Permissions.READ_SMS);
                return sms(path, projection);
            case "com.android.calendar":
                Permissions.enforce("query", Permissions.READ_CALENDAR);
                return path.startsWith("/events") ? calendarEvents(projection) : null;
            case "media":
                return mediaImages(path, projection);
            default:
                // content://browser (bookmarks and history) left the platform in API 23
                // (developer.android.com/about/versions/marshmallow/android-6.0-changes#behavior-bookmark-browser):
                // an unknown authority answers null.
                return null;
        }
    }

    private static Cursor contacts(String path, String[] projection) {
        int count = SimRuntime.profileCount("contacts");
        Map<String, Object[]> columns = new LinkedHashMap<>();
        Object[] ids = new Object[count];
        Object[] names = new Object[count];
        Object[] numbers = new Object[count];
        Object[] hasNumber = new Object[count];
        Object[] mime = new Object[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (long) (i + 1);
            names[i] = SimRuntime.profileItem("contacts", i, "name");
            numbers[i] = SimRuntime.profileItem("contacts", i, "number");
            hasNumber[i] = 1;
            mime[i] = "vnd.android.cursor.item/phone_v2";
        }
        columns.put("_id", ids);
        columns.put("display_name", names);
        if (path.startsWith("/contacts")) {
            columns.put("has_phone_number", hasNumber);
            columns.put("lookup", ids);
        } else if (path.startsWith("/data") || path.startsWith("/raw_contacts") || path.startsWith("/phone_lookup")) {
            columns.put("contact_id", ids);
            columns.put("data1", numbers);
            columns.put("data2", new Object[count]);
            columns.put("mimetype", mime);
        } else {
            return null;
        }
        return cursor(columns, count, projection);
    }

    private static Cursor callLog(String[] projection) {
        int count = SimRuntime.profileCount("call_log");
        Map<String, Object[]> columns = new LinkedHashMap<>();
        String[] fields = {"number", "name", "date", "duration", "type"};
        Object[] ids = new Object[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (long) (i + 1);
        }
        columns.put("_id", ids);
        for (String field : fields) {
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                String value = SimRuntime.profileItem("call_log", i, field);
                values[i] = field.equals("number") || field.equals("name") ? value : (Object) parseLong(value);
            }
            columns.put(field, values);
        }
        return cursor(columns, count, projection);
    }

    private static Cursor sms(String path, String[] projection) {
        boolean all = path.isEmpty() || path.equals("/");
        boolean inbox = path.startsWith("/inbox");
        int count = all || inbox ? SimRuntime.profileCount("sms") : 0;
        Map<String, Object[]> columns = new LinkedHashMap<>();
        Object[] ids = new Object[count];
        Object[] addresses = new Object[count];
        Object[] bodies = new Object[count];
        Object[] dates = new Object[count];
        Object[] types = new Object[count];
        Object[] read = new Object[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (long) (i + 1);
            addresses[i] = SimRuntime.profileItem("sms", i, "address");
            bodies[i] = SimRuntime.profileItem("sms", i, "body");
            dates[i] = parseLong(SimRuntime.profileItem("sms", i, "date"));
            types[i] = 1;
            read[i] = 1;
        }
        columns.put("_id", ids);
        columns.put("address", addresses);
        columns.put("body", bodies);
        columns.put("date", dates);
        columns.put("type", types);
        columns.put("read", read);
        return cursor(columns, count, projection);
    }

    private static Cursor calendarEvents(String[] projection) {
        int count = SimRuntime.profileCount("calendar");
        Map<String, Object[]> columns = new LinkedHashMap<>();
        Object[] ids = new Object[count];
        Object[] titles = new Object[count];
        Object[] starts = new Object[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (long) (i + 1);
            titles[i] = SimRuntime.profileItem("calendar", i, "title");
            starts[i] = parseLong(SimRuntime.profileItem("calendar", i, "start"));
        }
        columns.put("_id", ids);
        columns.put("title", titles);
        columns.put("dtstart", starts);
        return cursor(columns, count, projection);
    }

    /**
     * Photos need READ_MEDIA_IMAGES from API 33 (apps targeting 33+), READ_EXTERNAL_STORAGE before;
     * without it MediaStore shows an app only the files it created itself: none here
     * (developer.android.com/training/data-storage/shared/media#storage-permission).
     */
    private static Cursor mediaImages(String path, String[] projection) {
        if (!path.contains("/images/")) {
            return null;
        }
        boolean media33 = Permissions.apiLevel() >= 33 && SimRuntime.targetSdk() >= 33;
        boolean granted = media33
                ? Permissions.anyGranted(Permissions.READ_MEDIA_IMAGES, Permissions.READ_MEDIA_VISUAL_USER_SELECTED)
                : Permissions.anyGranted(Permissions.READ_EXTERNAL_STORAGE, Permissions.WRITE_EXTERNAL_STORAGE);
        int count = granted ? SimRuntime.profileCount("photos") : 0;
        Map<String, Object[]> columns = new LinkedHashMap<>();
        Object[] ids = new Object[count];
        Object[] names = new Object[count];
        Object[] data = new Object[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (long) (i + 1);
            names[i] = SimRuntime.profileItem("photos", i, "name");
            data[i] = "/storage/emulated/0/DCIM/Camera/" + names[i];
        }
        columns.put("_id", ids);
        columns.put("_display_name", names);
        columns.put("_data", data);
        return cursor(columns, count, projection);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** Unknown projected columns read as NULL rather than failing the query. */
    private static Cursor cursor(Map<String, Object[]> columns, int count, String[] projection) {
        String[] names = projection == null ? columns.keySet().toArray(new String[0]) : projection;
        MatrixCursor cursor = new MatrixCursor(names, count);
        for (int row = 0; row < count; row++) {
            Object[] values = new Object[names.length];
            for (int c = 0; c < names.length; c++) {
                Object[] column = columns.get(names[c]);
                values[c] = column == null ? null : column[row];
            }
            cursor.addRow(values);
        }
        return cursor;
    }

    public final String getType(Uri url) {
        return null;
    }

    public final Uri insert(Uri url, ContentValues values) {
        return null;
    }

    public final int delete(Uri url, String where, String[] selectionArgs) {
        return 0;
    }

    public final int update(Uri uri, ContentValues values, String where, String[] selectionArgs) {
        return 0;
    }
}
