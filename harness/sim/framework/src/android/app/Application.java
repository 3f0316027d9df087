package android.app;

import android.content.Context;
import android.content.ContextWrapper;
import android.os.Bundle;
import java.util.ArrayList;
import java.util.List;

public class Application extends ContextWrapper {
    public interface ActivityLifecycleCallbacks {
        void onActivityCreated(Activity activity, Bundle savedInstanceState);

        void onActivityStarted(Activity activity);

        void onActivityResumed(Activity activity);

        void onActivityPaused(Activity activity);

        void onActivityStopped(Activity activity);

        void onActivitySaveInstanceState(Activity activity, Bundle outState);

        void onActivityDestroyed(Activity activity);
    }

    private final List<ActivityLifecycleCallbacks> mCallbacks = new ArrayList<>();

    public Application() {
        super(null);
    }

    final void attach(Context context) {
        attachBaseContext(context);
    }

    public void onCreate() {
    }

    public void onTerminate() {
    }

    public void onLowMemory() {
    }

    public void onTrimMemory(int level) {
    }

    public void registerActivityLifecycleCallbacks(ActivityLifecycleCallbacks callback) {
        synchronized (mCallbacks) {
            mCallbacks.add(callback);
        }
    }

    public void unregisterActivityLifecycleCallbacks(ActivityLifecycleCallbacks callback) {
        synchronized (mCallbacks) {
            mCallbacks.remove(callback);
        }
    }

    public static String getProcessName() {
        return com.privacyprobe.sim.SimRuntime.packageName();
    }

    private ActivityLifecycleCallbacks[] callbacks() {
        synchronized (mCallbacks) {
            return mCallbacks.toArray(new ActivityLifecycleCallbacks[0]);
        }
    }

    void dispatchActivityCreated(Activity activity, Bundle savedInstanceState) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityCreated(activity, savedInstanceState);
        }
    }

    void dispatchActivityStarted(Activity activity) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityStarted(activity);
        }
    }

    void dispatchActivityResumed(Activity activity) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityResumed(activity);
        }
    }

    void dispatchActivityPaused(Activity activity) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityPaused(activity);
        }
    }

    void dispatchActivityStopped(Activity activity) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityStopped(activity);
        }
    }

    void dispatchActivityDestroyed(Activity activity) {
        for (ActivityLifecycleCallbacks callback : callbacks()) {
            callback.onActivityDestroyed(activity);
        }
    }
}
