package com.privacyprobe.sim;

import android.util.Log;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts the app's other processes (a component with android:process) the way zygote forks a
 * new app process: a new JVM with the same runtime options and class path, which connects to
 * the harness's child port and waits there — unrun — until the harness has instrumented it and
 * says `start`, as frida's spawn gating holds a new process on a device.
 */
public final class Processes {
    private static final String TAG = "ActivityManager";
    private static final Set<String> STARTED = new HashSet<>();

    private Processes() {
    }

    public static synchronized void startServiceProcess(String process, String serviceClass) {
        if (!STARTED.add(process)) {
            return; // running already: the sim delivers later starts only to a new process
        }
        int childPort = SimRuntime.childPort();
        if (childPort <= 0) {
            Log.w(TAG, "Unable to start process " + process + ": no process gate");
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(SimRuntime.launchArguments());
        command.addAll(List.of("--control-port", Integer.toString(childPort), "--process", process,
                "--service", serviceClass));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            Log.i(TAG, "Start proc " + process + " for service {" + SimRuntime.packageName() + "/" + serviceClass + "}");
        } catch (IOException e) {
            Log.w(TAG, "Unable to start process " + process + ": " + e.getMessage());
        }
    }
}
