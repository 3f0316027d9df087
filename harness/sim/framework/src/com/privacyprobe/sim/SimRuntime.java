package com.privacyprobe.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** Process-wide configuration: the device profile, the app's identity and its data directory. */
public final class SimRuntime {
    private static volatile Properties profile = new Properties();
    private static volatile Properties app = new Properties();
    private static volatile Path stateDir;
    private static volatile int apiLevel = 34;
    private static volatile String processName;
    private static volatile String serviceToStart = "";
    private static volatile int childPort;
    private static volatile List<String> launchArguments = List.of();

    private SimRuntime() {
    }

    static void configure(Properties profileProps, Properties appProps, Path state, int deviceApiLevel) {
        profile = profileProps;
        app = appProps;
        stateDir = state;
        apiLevel = deviceApiLevel;
    }

    /** This process: the app's main one (named after the package) or one of its android:process ones. */
    static void configureProcess(String name, String service, int gatePort, List<String> arguments) {
        processName = name;
        serviceToStart = service;
        childPort = gatePort;
        launchArguments = List.copyOf(arguments);
    }

    public static String processName() {
        return processName == null ? packageName() : processName;
    }

    public static boolean isMainProcess() {
        return processName().equals(packageName());
    }

    /** The service a secondary process was started for. */
    public static String serviceToStart() {
        return serviceToStart;
    }

    /** Where a new process of the app says HELLO to be instrumented before it runs (0: nowhere). */
    public static int childPort() {
        return childPort;
    }

    /** The launcher arguments every process of the app shares (app, state, profile, API level). */
    public static List<String> launchArguments() {
        return launchArguments;
    }

    /** The process a declared service runs in (manifest android:process, resolved), or null if undeclared. */
    public static String serviceProcess(String className) {
        for (String entry : app.getProperty("services", "").split(",")) {
            int bar = entry.indexOf('|');
            if (bar > 0 && entry.substring(0, bar).trim().equals(className)) {
                return entry.substring(bar + 1).trim();
            }
        }
        return null;
    }

    /** The simulated device's API level (Build.VERSION.SDK_INT). */
    public static int apiLevel() {
        return apiLevel;
    }

    /** The app's targetSdkVersion (manifest uses-sdk, as the harness resolved it). */
    public static int targetSdk() {
        try {
            return Integer.parseInt(app.getProperty("target_sdk", "").trim());
        } catch (NumberFormatException e) {
            return apiLevel;
        }
    }

    public static Properties readProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props;
    }

    public static String profileValue(String key, String fallback) {
        String value = profile.getProperty(key);
        return value == null ? fallback : value;
    }

    public static double profileDouble(String key, double fallback) {
        try {
            return Double.parseDouble(profile.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static long profileLong(String key, long fallback) {
        try {
            return Long.parseLong(profile.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Rows of an indexed profile list such as contacts.N.name (count in contacts.count). */
    public static int profileCount(String list) {
        return (int) profileLong(list + ".count", 0);
    }

    public static String profileItem(String list, int index, String field) {
        return profileValue(list + "." + index + "." + field, "");
    }

    public static List<String> installedPackages() {
        Set<String> packages = new LinkedHashSet<>();
        for (String name : profileValue("installed_packages", "").split(",")) {
            if (!name.isBlank()) {
                packages.add(name.trim());
            }
        }
        packages.add(packageName());
        return new ArrayList<>(packages);
    }

    public static String packageName() {
        return app.getProperty("package", "com.example.unknown");
    }

    public static String appLabel() {
        String label = app.getProperty("label", "");
        return label.isEmpty() ? packageName() : label;
    }

    public static String versionName() {
        return app.getProperty("version", "");
    }

    public static String applicationClass() {
        return app.getProperty("application", "").trim();
    }

    public static String launcherActivity() {
        return app.getProperty("launcher", "").trim();
    }

    public static List<String> declaredPermissions() {
        List<String> names = new ArrayList<>();
        for (String name : app.getProperty("permissions", "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return Collections.unmodifiableList(names);
    }

    public static Path stateDir() {
        return stateDir;
    }

    public static Path stateSubdir(String name) {
        Path dir = stateDir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
