package com.privacyprobe.sim;

import android.os.Looper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Entry point of a sim app process. Connects to the harness, says HELLO and then waits: no app
 * class is loaded until the harness sends `start` (it attaches instrumentation meanwhile).
 */
public final class Launcher {
    private static final String USAGE = "usage: Launcher --control-port PORT --app APP.properties --state STATE_DIR "
            + "--profile PROFILE.properties [--api-level N] [--child-port PORT] [--process NAME --service CLASS]";

    private Launcher() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        int port;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad argument " + args[i]);
                }
                options.put(args[i].substring(2), args[i + 1]);
            }
            for (String required : new String[] {"control-port", "app", "state", "profile"}) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException("missing --" + required);
                }
            }
            port = Integer.parseInt(options.get("control-port"));
            Properties app = SimRuntime.readProperties(Path.of(options.get("app")));
            Properties profile = SimRuntime.readProperties(Path.of(options.get("profile")));
            Path state = Path.of(options.get("state"));
            Files.createDirectories(state);
            int apiLevel = Integer.parseInt(options.getOrDefault("api-level", "34"));
            SimRuntime.configure(profile, app, state, apiLevel);
            List<String> shared = new ArrayList<>();
            for (String key : new String[] {"app", "state", "profile", "api-level", "child-port"}) {
                if (options.containsKey(key)) {
                    shared.add("--" + key);
                    shared.add(options.get(key));
                }
            }
            SimRuntime.configureProcess(options.getOrDefault("process", SimRuntime.packageName()),
                    options.getOrDefault("service", ""), Integer.parseInt(options.getOrDefault("child-port", "0")),
                    shared);
            Permissions.load();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("sim launcher: " + e.getMessage() + "\n" + USAGE);
            Exit.exit(2);
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(new Crash());
        Looper.prepareMainLooper();
        ControlServer server;
        try {
            server = ControlServer.connect(port);
        } catch (IOException e) {
            System.err.println("sim launcher: cannot reach the harness on 127.0.0.1:" + port + ": " + e.getMessage());
            Exit.exit(2);
            return;
        }
        Thread control = new Thread(server, "sim-control");
        control.setDaemon(true);
        control.start();
        try {
            Looper.loop();
        } catch (Throwable error) {
            Crash.fatal(Thread.currentThread(), error);
        }
        Exit.exit(0);
    }
}
