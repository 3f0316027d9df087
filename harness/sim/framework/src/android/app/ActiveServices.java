package android.app;

import android.content.ComponentName;
import android.content.Intent;
import android.util.Log;
import com.privacyprobe.sim.Processes;
import com.privacyprobe.sim.SimRuntime;
import java.util.HashMap;
import java.util.Map;

/**
 * Context.startService for the app's own services, as the system's ActiveServices does it
 * (AOSP services/core/java/com/android/server/am/ActiveServices.java, bringUpServiceLocked):
 * a service runs in the process its manifest entry names (android:process, ":name" = private
 * to the app), which is started for it when it is not running; then it gets onCreate once and
 * onStartCommand per start, on that process's main thread.
 */
public final class ActiveServices {
    private static final String TAG = "ActivityManager";
    private static final Map<String, Service> RUNNING = new HashMap<>();
    private static int sStartId;

    private ActiveServices() {
    }

    static ComponentName startService(Intent intent) {
        ComponentName component = intent.getComponent();
        if (component == null) {
            // ContextImpl.validateServiceIntent (API 21+)
            throw new IllegalArgumentException("Service Intent must be explicit: " + intent);
        }
        String className = component.getClassName();
        String process = SimRuntime.serviceProcess(className);
        if (process == null || !component.getPackageName().equals(SimRuntime.packageName())) {
            Log.w(TAG, "Unable to start service " + intent + " U=0: not found");
            return null;
        }
        if (process.equals(SimRuntime.processName())) {
            ActivityThread.mainHandler().post(() -> deliver(className, intent));
        } else {
            Processes.startServiceProcess(process, className);
        }
        return component;
    }

    /** In a process started for a service: the start that made it. */
    static void startInThisProcess(String className) {
        Intent intent = new Intent();
        intent.setComponent(new ComponentName(SimRuntime.packageName(), className));
        deliver(className, intent);
    }

    private static void deliver(String className, Intent intent) {
        Service service = RUNNING.get(className);
        if (service == null) {
            service = ActivityThread.instantiateService(className);
            service.attach(new ContextImpl(false), ActivityThread.currentApplication());
            RUNNING.put(className, service);
            service.onCreate();
        }
        service.onStartCommand(intent, 0, ++sStartId);
    }
}
