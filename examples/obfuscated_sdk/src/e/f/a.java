package e.f;

import android.content.Context;
import android.provider.Settings;
import android.util.Log;

/**
 * The app's own helper, repackaged by R8 outside the app's namespace. It carries strings that only
 * resemble an SDK's fingerprints ("UMLog " with a space, the log endpoint with a query, a key with
 * a suffix), which must not name it: it stays the unknown SDK e.f.
 */
public final class a {
    private a() {
    }

    public static void a(Context context) {
        Log.d("UMLog ", "UMENG_APPKEY_BACKUP https://ulogs.umeng.com/unify_logs?debug=1");
        String androidId = Settings.Secure.getString(context.getContentResolver(), Settings.Secure.ANDROID_ID);
        Log.d("notes", "device " + androidId.length() + " " + new b("notes-install-1").getOAID());
    }
}
