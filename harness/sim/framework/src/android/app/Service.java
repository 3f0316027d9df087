package android.app;

import android.content.Context;
import android.content.ContextWrapper;
import android.content.Intent;
import android.os.IBinder;

/** A started service (AOSP core/java/android/app/Service.java): created once, then onStartCommand per start. */
public abstract class Service extends ContextWrapper {
    public static final int START_STICKY_COMPATIBILITY = 0;
    public static final int START_STICKY = 1;
    public static final int START_NOT_STICKY = 2;
    public static final int START_REDELIVER_INTENT = 3;

    private Application mApplication;

    public Service() {
        super(null);
    }

    final void attach(Context base, Application application) {
        attachBaseContext(base);
        mApplication = application;
    }

    public final Application getApplication() {
        return mApplication;
    }

    public void onCreate() {
    }

    public int onStartCommand(Intent intent, int flags, int startId) {
        return START_STICKY;
    }

    public void onDestroy() {
    }

    public abstract IBinder onBind(Intent intent);

    public final void stopSelf() {
    }
}
