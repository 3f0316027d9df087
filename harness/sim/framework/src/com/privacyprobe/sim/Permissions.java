package com.privacyprobe.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The permission controller: dangerous permissions are granted only at runtime and persisted in
 * STATE_DIR/permissions.properties; normal permissions declared in the manifest are granted at install.
 *
 * Per permission the state is one of: not asked, `granted`, `denied` (the user denied it once:
 * FLAG_PERMISSION_USER_SET, so shouldShowRequestPermissionRationale is true), `fixed` (denied
 * twice: FLAG_PERMISSION_USER_FIXED — from Android 11 on the dialog is never shown again and
 * requestPermissions answers DENIED at once), `revoked` (by the shell: no user flags). Sources:
 * packages/modules/Permission PermissionController/src/com/android/permissioncontroller/permission/
 * ui/model/GrantPermissionsViewModel.kt (DENIED vs DENIED_DO_NOT_ASK_AGAIN, IGNORED_USER_FIXED) and
 * developer.android.com/training/permissions/requesting ("if the user taps Deny for a specific
 * permission more than once ... the user doesn't see the system permissions dialog").
 */
public final class Permissions {
    public static final String P = "android.permission.";
    public static final String ACCESS_FINE_LOCATION = P + "ACCESS_FINE_LOCATION";
    public static final String ACCESS_COARSE_LOCATION = P + "ACCESS_COARSE_LOCATION";
    public static final String ACCESS_BACKGROUND_LOCATION = P + "ACCESS_BACKGROUND_LOCATION";
    public static final String READ_CONTACTS = P + "READ_CONTACTS";
    public static final String READ_CALL_LOG = P + "READ_CALL_LOG";
    public static final String READ_SMS = P + "READ_SMS";
    public static final String SEND_SMS = P + "SEND_SMS";
    public static final String GET_ACCOUNTS = P + "GET_ACCOUNTS";
    public static final String BLUETOOTH_CONNECT = P + "BLUETOOTH_CONNECT";
    public static final String READ_PHONE_STATE = P + "READ_PHONE_STATE";
    public static final String READ_PHONE_NUMBERS = P + "READ_PHONE_NUMBERS";
    public static final String CAMERA = P + "CAMERA";
    public static final String RECORD_AUDIO = P + "RECORD_AUDIO";
    public static final String READ_CALENDAR = P + "READ_CALENDAR";
    public static final String READ_EXTERNAL_STORAGE = P + "READ_EXTERNAL_STORAGE";
    public static final String WRITE_EXTERNAL_STORAGE = P + "WRITE_EXTERNAL_STORAGE";
    public static final String BODY_SENSORS = P + "BODY_SENSORS";
    public static final String POST_NOTIFICATIONS = P + "POST_NOTIFICATIONS";
    public static final String READ_MEDIA_IMAGES = P + "READ_MEDIA_IMAGES";
    public static final String READ_MEDIA_VIDEO = P + "READ_MEDIA_VIDEO";
    public static final String READ_MEDIA_AUDIO = P + "READ_MEDIA_AUDIO";
    public static final String READ_MEDIA_VISUAL_USER_SELECTED = P + "READ_MEDIA_VISUAL_USER_SELECTED";

    /**
     * One-time grants end after the app has left the screen for this long
     * (PermissionController Utils.ONE_TIME_PERMISSIONS_TIMEOUT_MILLIS, DeviceConfig
     * `one_time_permissions_timeout_millis`, 1 min) or when its process ends
     * (frameworks/base/services/core/java/com/android/server/pm/permission/OneTimePermissionUserManager.java).
     */
    public static final long ONE_TIME_TIMEOUT_MS = 60_000;

    /** Permission group of each dangerous permission; one dialog is shown per group. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();
    private static final Map<String, String> GROUP_QUESTIONS = new LinkedHashMap<>();
    private static final Map<String, Integer> SINCE_API = new LinkedHashMap<>();

    static {
        group("location", "access this device's location", ACCESS_FINE_LOCATION, ACCESS_COARSE_LOCATION,
                ACCESS_BACKGROUND_LOCATION);
        group("contacts", "access your contacts", READ_CONTACTS, GET_ACCOUNTS);
        group("call_log", "access your phone call logs", READ_CALL_LOG);
        group("sms", "access your SMS messages", READ_SMS, SEND_SMS);
        group("nearby_devices", "find, connect to, and determine the relative position of nearby devices",
                BLUETOOTH_CONNECT);
        group("phone", "access your phone calls and phone state", READ_PHONE_STATE, READ_PHONE_NUMBERS);
        group("camera", "access your camera to take pictures and record video", CAMERA);
        group("microphone", "access your microphone to record audio", RECORD_AUDIO);
        group("calendar", "access your calendar", READ_CALENDAR);
        group("storage", "access photos, media, and files on your device", READ_EXTERNAL_STORAGE,
                WRITE_EXTERNAL_STORAGE);
        group("sensors", "access sensor data about your vital signs", BODY_SENSORS);
        group("notifications", "send you notifications", POST_NOTIFICATIONS);
        group("visual_media", "access photos and videos on this device", READ_MEDIA_IMAGES, READ_MEDIA_VIDEO,
                READ_MEDIA_VISUAL_USER_SELECTED);
        group("music", "access music and audio on this device", READ_MEDIA_AUDIO);
        // Permissions newer than API 30 do not exist on older devices: there they are unknown
        // names, never granted and never asked for (frameworks/base/core/res/AndroidManifest.xml).
        SINCE_API.put(BLUETOOTH_CONNECT, 31);
        SINCE_API.put(POST_NOTIFICATIONS, 33);
        SINCE_API.put(READ_MEDIA_IMAGES, 33);
        SINCE_API.put(READ_MEDIA_VIDEO, 33);
        SINCE_API.put(READ_MEDIA_AUDIO, 33);
        SINCE_API.put(READ_MEDIA_VISUAL_USER_SELECTED, 34);
    }

    private static final String GRANTED = "granted";
    private static final String DENIED = "denied";
    private static final String FIXED = "fixed";
    private static final String REVOKED = "revoked";

    private static final Set<String> ONE_TIME = new HashSet<>();
    private static final Map<String, String> STATE = new TreeMap<>();
    private static boolean loaded;
    private static long leftAtUptime = -1;

    private Permissions() {
    }

    private static void group(String name, String question, String... permissions) {
        for (String permission : permissions) {
            GROUPS.put(permission, name);
        }
        GROUP_QUESTIONS.put(name, question);
    }

    /** The device's API level (android.os.Build.VERSION.SDK_INT). */
    public static int apiLevel() {
        return android.os.Build.VERSION.SDK_INT;
    }

    /** Whether this platform permission exists at the device's API level. */
    public static boolean exists(String permission) {
        return SINCE_API.getOrDefault(permission, 1) <= apiLevel();
    }

    public static boolean isDangerous(String permission) {
        return GROUPS.containsKey(permission) && exists(permission);
    }

    public static String groupOf(String permission) {
        return GROUPS.get(permission);
    }

    public static String question(String group) {
        return GROUP_QUESTIONS.getOrDefault(group, "access this permission");
    }

    public static boolean isDeclared(String permission) {
        return SimRuntime.declaredPermissions().contains(permission);
    }

    private static Path file() {
        return SimRuntime.stateDir().resolve("permissions.properties");
    }

    private static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        loaded = true;
        Path path = file();
        if (!Files.isRegularFile(path)) {
            return;
        }
        try {
            Properties props = SimRuntime.readProperties(path);
            for (String name : props.stringPropertyNames()) {
                STATE.put(name.trim(), props.getProperty(name).trim());
            }
        } catch (IOException e) {
            System.err.println("W/PermissionController: cannot read " + path + ": " + e.getMessage());
        }
    }

    static synchronized void load() {
        loaded = false;
        STATE.clear();
        ensureLoaded();
    }

    public static synchronized boolean isGranted(String permission) {
        if (permission == null || !isDeclared(permission) || !exists(permission)) {
            return false;
        }
        if (!isDangerous(permission)) {
            return true;
        }
        ensureLoaded();
        return ONE_TIME.contains(permission) || GRANTED.equals(STATE.get(permission));
    }

    /**
     * shouldShowRequestPermissionRationale: true after exactly one denial (USER_SET without
     * USER_FIXED), false once the user denied twice or never denied
     * (frameworks/base/core/java/android/app/ApplicationPackageManager.java
     * shouldShowRequestPermissionRationale → PermissionManager, flags USER_SET/USER_FIXED).
     */
    public static synchronized boolean wasDenied(String permission) {
        ensureLoaded();
        return DENIED.equals(STATE.get(permission)) && !isGranted(permission);
    }

    /** The user denied it twice: the system answers requests for it without a dialog. */
    public static synchronized boolean isUserFixed(String permission) {
        ensureLoaded();
        return FIXED.equals(STATE.get(permission)) && !isGranted(permission);
    }

    public static synchronized boolean isOneTime(String permission) {
        return ONE_TIME.contains(permission);
    }

    public static boolean anyGranted(String... permissions) {
        for (String permission : permissions) {
            if (isGranted(permission)) {
                return true;
            }
        }
        return false;
    }

    /** Throws SecurityException("method: requires P[ or Q…]") unless one of the permissions is granted. */
    public static void enforce(String method, String... permissions) {
        if (anyGranted(permissions)) {
            return;
        }
        throw new SecurityException(method + ": requires " + String.join(" or ", permissions));
    }

    public static synchronized void set(String permission, boolean granted) {
        ensureLoaded();
        ONE_TIME.remove(permission);
        STATE.put(permission, granted ? GRANTED : DENIED);
        save();
    }

    /** A denial in the dialog; `dontAskAgain` for the second one (DENIED_DO_NOT_ASK_AGAIN). */
    public static synchronized void deny(String permission, boolean dontAskAgain) {
        ensureLoaded();
        ONE_TIME.remove(permission);
        STATE.put(permission, dontAskAgain ? FIXED : DENIED);
        save();
    }

    /** `pm revoke`: not granted, no user flags (the dialog shows as for a first request). */
    public static synchronized void revokeByShell(String permission) {
        ensureLoaded();
        ONE_TIME.remove(permission);
        STATE.put(permission, REVOKED);
        save();
    }

    public static synchronized void grantOneTime(String permission) {
        ensureLoaded();
        ONE_TIME.add(permission);
        if (REVOKED.equals(STATE.get(permission)) || GRANTED.equals(STATE.get(permission))) {
            STATE.remove(permission);
            save();
        }
    }

    /** The app left the screen: one-time grants run out after ONE_TIME_TIMEOUT_MS away. */
    public static synchronized void appLeft() {
        if (ONE_TIME.isEmpty() || leftAtUptime >= 0) {
            return;
        }
        leftAtUptime = android.os.SystemClock.uptimeMillis();
        long left = leftAtUptime;
        new android.os.Handler(android.os.Looper.getMainLooper()).postDelayed(() -> expireOneTime(left),
                ONE_TIME_TIMEOUT_MS);
    }

    public static synchronized void appReturned() {
        leftAtUptime = -1;
    }

    private static void expireOneTime(long left) {
        String revoked;
        synchronized (Permissions.class) {
            if (leftAtUptime != left || ONE_TIME.isEmpty()) {
                return;
            }
            revoked = String.join(", ", ONE_TIME);
            ONE_TIME.clear();
        }
        // Revoking a runtime permission kills the app's process, as `pm revoke` does.
        System.out.println("I/ActivityManager: Killing " + ProcessHandle.current().pid() + ":"
                + SimRuntime.packageName() + "/u0a123: one-time permission revoked (" + revoked + ")");
        Exit.kill();
    }

    private static void save() {
        Path path = file();
        Properties props = new Properties();
        props.putAll(STATE);
        try {
            Files.createDirectories(path.getParent());
            Path temp = Files.createTempFile(path.getParent(), "permissions", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp);
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                props.store(writer, null);
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("W/PermissionController: cannot write " + path + ": " + e.getMessage());
        }
    }
}
