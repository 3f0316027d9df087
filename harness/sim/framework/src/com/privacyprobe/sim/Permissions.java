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
 */
public final class Permissions {
    public static final String P = "android.permission.";
    public static final String ACCESS_FINE_LOCATION = P + "ACCESS_FINE_LOCATION";
    public static final String ACCESS_COARSE_LOCATION = P + "ACCESS_COARSE_LOCATION";
    public static final String ACCESS_BACKGROUND_LOCATION = P + "ACCESS_BACKGROUND_LOCATION";
    public static final String READ_CONTACTS = P + "READ_CONTACTS";
    public static final String READ_CALL_LOG = P + "READ_CALL_LOG";
    public static final String READ_SMS = P + "READ_SMS";
    public static final String READ_PHONE_STATE = P + "READ_PHONE_STATE";
    public static final String READ_PHONE_NUMBERS = P + "READ_PHONE_NUMBERS";
    public static final String CAMERA = P + "CAMERA";
    public static final String RECORD_AUDIO = P + "RECORD_AUDIO";
    public static final String READ_CALENDAR = P + "READ_CALENDAR";
    public static final String READ_EXTERNAL_STORAGE = P + "READ_EXTERNAL_STORAGE";
    public static final String WRITE_EXTERNAL_STORAGE = P + "WRITE_EXTERNAL_STORAGE";
    public static final String BODY_SENSORS = P + "BODY_SENSORS";
    public static final String POST_NOTIFICATIONS = P + "POST_NOTIFICATIONS";

    /** Permission group of each dangerous permission; one dialog is shown per group. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();
    private static final Map<String, String> GROUP_QUESTIONS = new LinkedHashMap<>();

    static {
        group("location", "access this device's location", ACCESS_FINE_LOCATION, ACCESS_COARSE_LOCATION,
                ACCESS_BACKGROUND_LOCATION);
        group("contacts", "access your contacts", READ_CONTACTS);
        group("call_log", "access your phone call logs", READ_CALL_LOG);
        group("sms", "access your SMS messages", READ_SMS);
        group("phone", "access your phone calls and phone state", READ_PHONE_STATE, READ_PHONE_NUMBERS);
        group("camera", "access your camera to take pictures and record video", CAMERA);
        group("microphone", "access your microphone to record audio", RECORD_AUDIO);
        group("calendar", "access your calendar", READ_CALENDAR);
        group("storage", "access photos, media, and files on your device", READ_EXTERNAL_STORAGE,
                WRITE_EXTERNAL_STORAGE);
        group("sensors", "access sensor data about your vital signs", BODY_SENSORS);
        group("notifications", "access notifications and send you notifications", POST_NOTIFICATIONS);
    }

    private static final Set<String> ONE_TIME = new HashSet<>();
    private static final Map<String, String> STATE = new TreeMap<>();
    private static boolean loaded;

    private Permissions() {
    }

    private static void group(String name, String question, String... permissions) {
        for (String permission : permissions) {
            GROUPS.put(permission, name);
        }
        GROUP_QUESTIONS.put(name, question);
    }

    public static boolean isDangerous(String permission) {
        return GROUPS.containsKey(permission);
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
        if (permission == null || !isDeclared(permission)) {
            return false;
        }
        if (!isDangerous(permission)) {
            return true;
        }
        ensureLoaded();
        return ONE_TIME.contains(permission) || "granted".equals(STATE.get(permission));
    }

    /** True after the user denied it at least once and it is not granted now. */
    public static synchronized boolean wasDenied(String permission) {
        ensureLoaded();
        return "denied".equals(STATE.get(permission)) && !isGranted(permission);
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
        STATE.put(permission, granted ? "granted" : "denied");
        save();
    }

    public static synchronized void grantOneTime(String permission) {
        ONE_TIME.add(permission);
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
