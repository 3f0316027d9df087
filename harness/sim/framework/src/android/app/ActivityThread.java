package android.app;

import android.content.ActivityNotFoundException;
import android.content.ComponentName;
import android.content.Intent;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Handler;
import android.os.Looper;
import android.os.Process;
import android.util.Log;
import com.privacyprobe.sim.Foreground;
import com.privacyprobe.sim.PermissionDialog;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;
import com.privacyprobe.sim.SimWindow;
import com.privacyprobe.sim.Windows;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's process: the Application, the activity back stack and its lifecycle, runtime
 * permission requests. Everything here runs on the main thread.
 */
public final class ActivityThread {
    private static Application sApplication;
    private static final List<Activity> sStack = new ArrayList<>();
    private static Handler sHandler;
    private static PermissionRequest sPermissionRequest;

    private ActivityThread() {
    }

    public static Application currentApplication() {
        return sApplication;
    }

    static synchronized Handler mainHandler() {
        if (sHandler == null) {
            sHandler = new Handler(Looper.getMainLooper());
        }
        return sHandler;
    }

    private static Activity top() {
        return sStack.isEmpty() ? null : sStack.get(sStack.size() - 1);
    }

    static boolean isTaskRoot(Activity activity) {
        return !sStack.isEmpty() && sStack.get(0) == activity;
    }

    /** Whether an activity's windows can be seen: the app is in front and the activity is started. */
    public static boolean isShown(Activity activity) {
        return Foreground.isApp() && activity != null && activity.mStarted && !activity.mDestroyed;
    }

    /** Whether windows may be attached to the activity (its own window exists and is not going away). */
    public static boolean canAttachWindows(Activity activity) {
        return activity != null && activity.mWindowAttached && !activity.mFinished && !activity.mDestroyed;
    }

    public static boolean isUsable(Activity activity) {
        return activity != null && !activity.mFinished && !activity.mDestroyed;
    }

    // ---- control commands ----

    public static String handleStart() {
        if (!SimRuntime.isMainProcess()) {
            return handleStartServiceProcess();
        }
        if (sApplication == null) {
            handleBindApplication();
        }
        if (sStack.isEmpty()) {
            Foreground.app();
            launch(launcherIntent(), null, -1);
            return "started";
        }
        if (!Foreground.isApp()) {
            bringToFront();
        }
        return "resumed";
    }

    /** A process started for a service binds like any app process, then runs that service. */
    private static String handleStartServiceProcess() {
        if (sApplication != null) {
            return "resumed";
        }
        handleBindApplication();
        ActiveServices.startInThisProcess(SimRuntime.serviceToStart());
        return "started " + SimRuntime.processName();
    }

    static Service instantiateService(String className) {
        Object created = instantiate(className, "service " + className);
        if (!(created instanceof Service)) {
            throw new RuntimeException("Unable to instantiate service " + className
                    + ": java.lang.ClassCastException: not an android.app.Service");
        }
        return (Service) created;
    }

    /**
     * The first thing a new app process does once the system lets it run (AOSP
     * core/java/android/app/ActivityThread.java, handleBindApplication): resolve its LoadedApk
     * through getPackageInfoNoCheck → getPackageInfo, then make the Application and call its
     * onCreate. A spawned process is held before this until it is resumed, and frida-java-bridge
     * runs the Java.perform work it deferred in such a process when getPackageInfo returns here
     * (index.js, _performPendingVmOpsWhenReady) — so hooks land after the resume and before any
     * app code.
     */
    private static void handleBindApplication() {
        ApplicationInfo info = new ApplicationInfo();
        info.packageName = SimRuntime.packageName();
        info.processName = SimRuntime.packageName();
        info.className = SimRuntime.applicationClass().isEmpty() ? null : SimRuntime.applicationClass();
        getPackageInfo(info, null, null, false, true, false);
        settleInstrumentation();
        makeApplication();
    }

    static LoadedApk getPackageInfo(ApplicationInfo aInfo, Object compatInfo, ClassLoader baseLoader,
            boolean securityViolation, boolean includeCode, boolean registerPackage) {
        return new LoadedApk(aInfo, ClassLoader.getSystemClassLoader());
    }

    /**
     * Goes once through a hooked framework method (a settings read the agent lets pass without an
     * event) before any app code. With Frida's Java bridge on HotSpot, the VM cannot reach a
     * safepoint after the agent loads until some hooked method has run once; an app whose first
     * screen calls nothing hooked would otherwise freeze at the first safepoint (a UI dump, a GC).
     */
    private static void settleInstrumentation() {
        android.provider.Settings.Secure.getString(null, "privacy_probe_settle");
    }

    public static String handleHome() {
        if (Foreground.isApp()) {
            Activity top = top();
            if (top != null) {
                if (top.mResumed) {
                    top.performPause();
                }
                if (top.mStarted) {
                    top.performStop();
                }
            }
        }
        Foreground.launcher();
        return "home";
    }

    /** BACK while another app is in front returns to this app (the other app's activity finishes). */
    public static String handleBackFromOtherApp() {
        if (Foreground.isLauncher() || sStack.isEmpty()) {
            return "nothing";
        }
        bringToFront();
        return "returned to " + SimRuntime.packageName();
    }

    public static String resumedActivityName() {
        Activity top = top();
        return Foreground.isApp() && top != null && top.mResumed ? top.getClass().getName() : "";
    }

    public static void handleExit() {
        for (int i = sStack.size() - 1; i >= 0; i--) {
            Activity activity = sStack.get(i);
            if (activity.mResumed) {
                activity.performPause();
            }
            if (activity.mStarted) {
                activity.performStop();
            }
            if (!activity.mDestroyed) {
                activity.performDestroy();
            }
        }
        sStack.clear();
    }

    // ---- application and activity creation ----

    private static Class<?> loadAppClass(String name) throws ClassNotFoundException {
        return Class.forName(name, true, ClassLoader.getSystemClassLoader());
    }

    private static Object instantiate(String className, String what) {
        try {
            return loadAppClass(className).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new RuntimeException("Unable to instantiate " + what + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new RuntimeException("Unable to instantiate " + what + ": " + e, e);
        }
    }

    private static void makeApplication() {
        String className = SimRuntime.applicationClass();
        Application app;
        if (className.isEmpty()) {
            app = new Application();
        } else {
            Object created = instantiate(className, "application " + className);
            if (!(created instanceof Application)) {
                throw new RuntimeException("Unable to instantiate application " + className
                        + ": java.lang.ClassCastException: not an android.app.Application");
            }
            app = (Application) created;
        }
        sApplication = app;
        app.attach(new ContextImpl(false));
        try {
            new Instrumentation().callApplicationOnCreate(app);
        } catch (RuntimeException e) {
            throw new RuntimeException("Unable to create application " + app.getClass().getName() + ": " + e, e);
        }
    }

    private static Intent launcherIntent() {
        Intent intent = new Intent(Intent.ACTION_MAIN);
        intent.addCategory(Intent.CATEGORY_LAUNCHER);
        intent.setComponent(new ComponentName(SimRuntime.packageName(), SimRuntime.launcherActivity()));
        intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK);
        logStart(intent);
        return intent;
    }

    private static Activity launch(Intent intent, Activity caller, int requestCode) {
        ComponentName component = intent.getComponent();
        String what = "activity " + component.toString();
        Object created = instantiate(component.getClassName(), what);
        if (!(created instanceof Activity)) {
            throw new RuntimeException("Unable to instantiate " + what + ": java.lang.ClassCastException: "
                    + component.getClassName() + " cannot be cast to android.app.Activity");
        }
        Activity activity = (Activity) created;
        activity.attach(new ContextImpl(true), sApplication, intent, component);
        activity.mCaller = caller;
        activity.mRequestCode = requestCode;
        sStack.add(activity);
        Windows.add(activityWindow(activity));
        Foreground.app();
        try {
            activity.performCreate(null);
            if (!activity.mFinished) {
                activity.performStart();
            }
            if (!activity.mFinished && top() == activity && Foreground.isApp()) {
                activity.performResume();
            }
        } catch (RuntimeException e) {
            throw new RuntimeException("Unable to start activity " + component + ": " + e, e);
        }
        return activity;
    }

    private static SimWindow activityWindow(Activity activity) {
        SimWindow window = new SimWindow(SimWindow.Kind.ACTIVITY, SimRuntime.packageName(), activity.mDecor, activity);
        window.visibleWhen(() -> isShown(activity));
        window.onBack(() -> {
            activity.onBackPressed();
            return "back to " + activity.getClass().getName();
        });
        return window;
    }

    private static void bringToFront() {
        Foreground.app();
        Activity top = top();
        if (top == null) {
            return;
        }
        if (!top.mStarted) {
            top.performRestart();
            top.performStart();
        }
        if (!top.mResumed && !permissionPendingFor(top)) {
            top.performResume();
        }
    }

    /** Brings the next activity to the front after the one above it went away. */
    private static void reveal(Activity next, Activity finished) {
        if (!next.mStarted) {
            next.performRestart();
            next.performStart();
        }
        if (finished != null && finished.mCaller == next && finished.mRequestCode >= 0) {
            next.onActivityResult(finished.mRequestCode, finished.mResultCode, finished.mResultData);
        }
        if (!next.mResumed && !permissionPendingFor(next)) {
            next.performResume();
        }
    }

    static void scheduleFinish(Activity activity) {
        mainHandler().post(() -> completeFinish(activity));
    }

    static void finishAll() {
        for (Activity activity : new ArrayList<>(sStack)) {
            activity.finish();
        }
    }

    private static void completeFinish(Activity activity) {
        if (activity.mDestroyed || !sStack.contains(activity)) {
            return;
        }
        boolean wasTop = top() == activity;
        if (activity.mResumed) {
            activity.performPause();
        }
        sStack.remove(activity);
        if (sPermissionRequest != null && sPermissionRequest.activity == activity) {
            cancelPermissionRequest();
        }
        if (wasTop && Foreground.isApp()) {
            Activity next = top();
            if (next != null) {
                reveal(next, activity);
            } else {
                Foreground.launcher();
            }
        }
        if (activity.mStarted) {
            activity.performStop();
        }
        activity.performDestroy();
        Windows.removeOwnedBy(activity);
    }

    static boolean moveTaskToBack(Activity activity, boolean nonRoot) {
        if (!nonRoot && !isTaskRoot(activity)) {
            return false;
        }
        mainHandler().post(ActivityThread::handleHome);
        return true;
    }

    // ---- starting activities ----

    private static void logStart(Intent intent) {
        String text = intent.toString();
        Log.i("ActivityTaskManager", "START u0 " + text.substring("Intent ".length()) + " from uid " + Process.myUid());
    }

    static void startActivity(Activity from, Intent intent, int requestCode) {
        if (intent == null) {
            throw new NullPointerException("intent");
        }
        ComponentName component = intent.getComponent();
        if (component != null && component.getPackageName().equals(SimRuntime.packageName())) {
            try {
                Class.forName(component.getClassName(), false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ActivityNotFoundException("Unable to find explicit activity class "
                        + component.toShortString() + "; have you declared this activity in your AndroidManifest.xml?");
            }
            logStart(intent);
            Intent copy = new Intent(intent);
            mainHandler().post(() -> launchOnTop(from, copy, requestCode));
            return;
        }
        String target = resolveExternal(intent);
        if (target == null) {
            throw new ActivityNotFoundException("No Activity found to handle " + intent);
        }
        logStart(intent);
        String shown = intent.getDataString() != null ? intent.getDataString() : intent.toString();
        mainHandler().post(() -> launchOtherApp(target, shown));
    }

    private static void launchOnTop(Activity from, Intent intent, int requestCode) {
        Activity previous = top();
        if (previous != null && previous.mResumed) {
            previous.performPause();
        }
        launch(intent, from, requestCode);
        if (previous != null && previous.mStarted) {
            previous.performStop();
        }
    }

    private static void launchOtherApp(String packageName, String shown) {
        Activity previous = top();
        if (previous != null && Foreground.isApp()) {
            if (previous.mResumed) {
                previous.performPause();
            }
            if (previous.mStarted) {
                previous.performStop();
            }
        }
        Foreground.other(packageName, shown);
    }

    /** The package that would handle an implicit intent on a stock device, or null. */
    private static String resolveExternal(Intent intent) {
        ComponentName component = intent.getComponent();
        if (component != null) {
            return SimRuntime.installedPackages().contains(component.getPackageName()) ? component.getPackageName() : null;
        }
        String explicitPackage = intent.getPackage();
        if (explicitPackage != null) {
            return SimRuntime.installedPackages().contains(explicitPackage) || Foreground.isSystemPackage(explicitPackage)
                    ? explicitPackage : null;
        }
        String action = intent.getAction() == null ? "" : intent.getAction();
        Uri data = intent.getData();
        String scheme = data == null || data.getScheme() == null ? "" : data.getScheme().toLowerCase();
        switch (scheme) {
            case "http":
            case "https":
                return "com.android.chrome";
            case "tel":
                return "com.google.android.dialer";
            case "mailto":
                return "com.google.android.gm";
            case "sms":
            case "smsto":
                return "com.google.android.apps.messaging";
            case "market":
                return "com.android.vending";
            case "geo":
                return "com.google.android.apps.maps";
            case "package":
                return action.startsWith("android.settings.") ? "com.android.settings" : null;
            default:
                break;
        }
        if (action.startsWith("android.settings.")) {
            return "com.android.settings";
        }
        if (action.equals(Intent.ACTION_SEND) || action.equals("android.intent.action.CHOOSER")) {
            return "android";
        }
        if (action.equals(Intent.ACTION_DIAL)) {
            return "com.google.android.dialer";
        }
        return null;
    }

    // ---- runtime permissions ----
    //
    // What GrantPermissionsActivity / GrantPermissionsViewModel (packages/modules/Permission,
    // PermissionController/src/com/android/permissioncontroller/permission/ui/) do for an app
    // targeting API 30+: granted and user-fixed permissions are answered without a dialog
    // (IGNORED_USER_FIXED); ACCESS_BACKGROUND_LOCATION is never in the dialog — requested alone
    // after foreground location was granted it opens the app's location page in Settings
    // (sendToSettingsImmediately), requested together with foreground location or with other
    // groups the whole request is dropped ("For R+ apps, background permissions must be requested
    // after foreground permissions are already granted" / "... requested individually"), and
    // requested without foreground location granted it is skipped. When no dialog is shown every
    // permission is answered with its current state.

    private static final String GRANT_TAG = "GrantPermissionsViewModel";

    private static final class PermissionRequest {
        final Activity activity;
        final String[] permissions;
        final int[] results;
        final int requestCode;
        final List<String> groups = new ArrayList<>();
        final Map<String, List<Integer>> members = new LinkedHashMap<>();
        int nextGroup;
        boolean toSettings;
        SimWindow window;

        PermissionRequest(Activity activity, String[] permissions, int requestCode) {
            this.activity = activity;
            this.permissions = permissions.clone();
            this.results = new int[permissions.length];
            this.requestCode = requestCode;
        }
    }

    private static boolean permissionPendingFor(Activity activity) {
        return sPermissionRequest != null && sPermissionRequest.activity == activity && sPermissionRequest.window != null;
    }

    static void requestPermissions(Activity activity, String[] permissions, int requestCode) {
        if (requestCode < 0) {
            throw new IllegalArgumentException("requestCode should be >= 0");
        }
        if (permissions == null) {
            throw new IllegalArgumentException("permissions cannot be null");
        }
        if (sPermissionRequest != null) {
            Log.w("Activity", "Can request only one set of permissions at a time");
            mainHandler().post(() -> activity.onRequestPermissionsResult(requestCode, new String[0], new int[0]));
            return;
        }
        PermissionRequest request = new PermissionRequest(activity, permissions, requestCode);
        boolean background = false;
        for (int i = 0; i < permissions.length; i++) {
            String permission = permissions[i];
            if (permission == null) {
                throw new IllegalArgumentException("permissions cannot contain null");
            }
            request.results[i] = Permissions.isGranted(permission) ? PackageManager.PERMISSION_GRANTED
                    : PackageManager.PERMISSION_DENIED;
            if (Permissions.isGranted(permission) || !Permissions.isDeclared(permission)
                    || !Permissions.isDangerous(permission) || Permissions.isUserFixed(permission)) {
                continue;
            }
            if (Permissions.ACCESS_BACKGROUND_LOCATION.equals(permission)) {
                background = true;
                continue;
            }
            String group = Permissions.groupOf(permission);
            if (!request.members.containsKey(group)) {
                request.groups.add(group);
                request.members.put(group, new ArrayList<>());
            }
            request.members.get(group).add(i);
        }
        if (background) {
            boolean foregroundGranted = Permissions.anyGranted(Permissions.ACCESS_FINE_LOCATION,
                    Permissions.ACCESS_COARSE_LOCATION);
            if (request.members.containsKey("location") && SimRuntime.targetSdk() < 30) {
                // an app targeting API 29 or lower asking for both gets the foreground dialog; "all the
                // time" is only reachable from its "Allow in settings" link (sdk < R branch)
                Log.w(GRANT_TAG, "background location for a pre-R app is granted in Settings only");
            } else if (request.members.containsKey("location")) {
                Log.e(GRANT_TAG, "For R+ apps, background permissions must be requested after foreground "
                        + "permissions are already granted");
                request.groups.clear();
            } else if (!request.groups.isEmpty()) {
                Log.e(GRANT_TAG, "For R+ apps, background permissions must be requested individually");
                request.groups.clear();
            } else if (!foregroundGranted) {
                Log.w(GRANT_TAG, "Cannot grant " + Permissions.ACCESS_BACKGROUND_LOCATION
                        + " as the matching foreground permission is not already granted.");
            } else {
                request.toSettings = true;
            }
        }
        sPermissionRequest = request;
        mainHandler().post(() -> beginPermissionRequest(request));
    }

    private static void beginPermissionRequest(PermissionRequest request) {
        if (sPermissionRequest != request) {
            return;
        }
        if (request.groups.isEmpty() && !request.toSettings) {
            finishPermissionRequest(request);
            return;
        }
        if (request.activity.mResumed) {
            request.activity.performPause();
        }
        if (request.toSettings) {
            request.window = PermissionDialog.showLocationSettings(() -> leaveSettings(request));
        } else {
            showNextPermissionGroup(request);
        }
    }

    private static void leaveSettings(PermissionRequest request) {
        if (sPermissionRequest != request) {
            return;
        }
        Windows.remove(request.window);
        request.window = null;
        finishPermissionRequest(request);
    }

    private static void showNextPermissionGroup(PermissionRequest request) {
        String group = request.groups.get(request.nextGroup);
        List<String> asked = new ArrayList<>();
        for (int index : request.members.get(group)) {
            asked.add(request.permissions[index]);
        }
        request.window = PermissionDialog.show(group, asked, choice -> answer(request, group, choice));
    }

    private static void answer(PermissionRequest request, String group, PermissionDialog.Choice choice) {
        if (sPermissionRequest != request) {
            return;
        }
        Windows.remove(request.window);
        request.window = null;
        for (int index : request.members.get(group)) {
            String permission = request.permissions[index];
            switch (choice) {
                case ALLOW:
                case FOREGROUND_ONLY:
                case ALLOW_ALL:
                    Permissions.set(permission, true);
                    break;
                case ONE_TIME:
                    Permissions.grantOneTime(permission);
                    break;
                case ALLOW_SELECTED:
                    // Only READ_MEDIA_VISUAL_USER_SELECTED is granted; full access stays denied
                    // (GrantPermissionsViewModel.grantUserSelectedVisualGroupPermissions). The photo
                    // picker that follows is not modelled: the selection is taken as made.
                    if (Permissions.READ_MEDIA_VISUAL_USER_SELECTED.equals(permission)) {
                        Permissions.set(permission, true);
                    }
                    break;
                case KEEP_SELECTED:
                    break;
                case DENY:
                    Permissions.deny(permission, false);
                    break;
                case DENY_DONT_ASK_AGAIN:
                    Permissions.deny(permission, true);
                    break;
                case CANCELED:
                default:
                    break;
            }
            request.results[index] = Permissions.isGranted(permission) ? PackageManager.PERMISSION_GRANTED
                    : PackageManager.PERMISSION_DENIED;
        }
        if (choice == PermissionDialog.Choice.ALLOW_SELECTED
                && Permissions.isDeclared(Permissions.READ_MEDIA_VISUAL_USER_SELECTED)) {
            Permissions.set(Permissions.READ_MEDIA_VISUAL_USER_SELECTED, true);
        }
        request.nextGroup++;
        if (choice != PermissionDialog.Choice.CANCELED && request.nextGroup < request.groups.size()) {
            showNextPermissionGroup(request);
        } else {
            finishPermissionRequest(request);
        }
    }

    private static void finishPermissionRequest(PermissionRequest request) {
        sPermissionRequest = null;
        Activity activity = request.activity;
        if (activity.mDestroyed) {
            return;
        }
        for (int i = 0; i < request.permissions.length; i++) {
            request.results[i] = Permissions.isGranted(request.permissions[i]) ? PackageManager.PERMISSION_GRANTED
                    : PackageManager.PERMISSION_DENIED;
        }
        activity.onRequestPermissionsResult(request.requestCode, request.permissions.clone(), request.results.clone());
        if (!activity.mDestroyed && Foreground.isApp() && top() == activity && activity.mStarted && !activity.mResumed) {
            activity.performResume();
        }
    }

    private static void cancelPermissionRequest() {
        if (sPermissionRequest.window != null) {
            Windows.remove(sPermissionRequest.window);
        }
        sPermissionRequest = null;
    }
}
