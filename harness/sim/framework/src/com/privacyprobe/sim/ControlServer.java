package com.privacyprobe.sim;

import android.app.ActivityThread;
import android.os.Handler;
import android.os.Looper;
import android.os.SystemClock;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The harness's line protocol over loopback: `COMMAND ARG…` (percent-encoded args) → `OK n\n` or
 * `ERR n\n` + n bytes of UTF-8. Runs on its own daemon thread; most commands run on the main looper.
 */
final class ControlServer implements Runnable {
    private static final long MAIN_THREAD_TIMEOUT_MS = 5000;
    private static final long EXIT_CALLBACKS_TIMEOUT_MS = 1000;
    private static final int SETTLE_ROUNDS = 5;
    /** A device waits 1000 ms (DumpCommand: waitForIdle(1000, 10000)); SimDevice passes its own setting. */
    private static final long DUMP_IDLE_MS = 100;
    private static final long DUMP_GLOBAL_MS = 10_000;
    private static final long SCREENSHOT_MAIN_TIMEOUT_MS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Handler mainHandler;

    private interface MainTask {
        String run() throws CommandException;
    }

    private ControlServer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.mainHandler = new Handler(Looper.getMainLooper());
    }

    static ControlServer connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        ControlServer server = new ControlServer(socket);
        server.out.write(("HELLO " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        server.out.flush();
        return server;
    }

    @Override
    public void run() {
        try {
            while (true) {
                String line = readLine();
                if (line == null) {
                    System.err.println("W/SimControl: harness connection closed; exiting");
                    Exit.exit(0);
                    return;
                }
                serve(line);
            }
        } catch (IOException e) {
            System.err.println("W/SimControl: harness connection lost (" + e.getMessage() + "); exiting");
            Exit.exit(0);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    private void reply(String status, String payload) throws IOException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        out.write((status + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private void serve(String line) throws IOException {
        String[] parts = line.split(" ", -1);
        String command = decode(parts[0]);
        String[] args = new String[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            args[i - 1] = decode(parts[i]);
        }
        if (command.equals("exit")) {
            exit();
            return;
        }
        String payload;
        try {
            payload = handle(command, args);
        } catch (CommandException e) {
            reply("ERR", e.getMessage() == null ? "error" : e.getMessage());
            return;
        } catch (RuntimeException e) {
            reply("ERR", command + ": " + e);
            return;
        }
        reply("OK", payload);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    private void exit() throws IOException {
        try {
            onMain(() -> {
                ActivityThread.handleExit();
                return "";
            }, EXIT_CALLBACKS_TIMEOUT_MS);
        } catch (CommandException e) {
            System.err.println("W/SimControl: exit without lifecycle callbacks: " + e.getMessage());
        }
        reply("OK", "bye");
        socket.shutdownOutput();
        Exit.exit(0);
    }

    private static void expect(String command, String[] args, int count, String usage) throws CommandException {
        if (args.length != count) {
            throw new CommandException("usage: " + command + (usage.isEmpty() ? "" : " " + usage) + " (got "
                    + args.length + " argument(s))");
        }
    }

    private static int integer(String text, String what) throws CommandException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandException(what + " is not an integer: " + text);
        }
    }

    private static double number(String text, String what) throws CommandException {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CommandException(what + " is not a number: " + text);
        }
    }

    private String handle(String command, String[] args) throws CommandException {
        switch (command) {
            case "ping":
                return "pong";
            case "foreground":
                expect(command, args, 0, "");
                return Foreground.packageName();
            case "start":
                expect(command, args, 0, "");
                return onMain(ActivityThread::handleStart);
            case "dump": {
                // as `uiautomator dump`: wait until the screen is idle (IDLE_MS of app time without
                // an accessibility event, counted from now; give up after GLOBAL_MS), then dump the
                // focused window.
                if (args.length != 0 && args.length != 2) {
                    throw new CommandException("usage: dump [IDLE_MS GLOBAL_MS] (got " + args.length + " argument(s))");
                }
                long idleMs = args.length == 2 ? integer(args[0], "IDLE_MS") : DUMP_IDLE_MS;
                long globalMs = args.length == 2 ? integer(args[1], "GLOBAL_MS") : DUMP_GLOBAL_MS;
                if (idleMs < 0 || globalMs <= 0) {
                    throw new CommandException("IDLE_MS must be >= 0 and GLOBAL_MS > 0");
                }
                if (!UiEvents.waitForIdle(idleMs, globalMs)) {
                    throw new CommandException(UiEvents.NOT_IDLE);
                }
                return onMain(Dump::focusedWindow);
            }
            case "tap": {
                expect(command, args, 2, "X Y");
                int x = integer(args[0], "X");
                int y = integer(args[1], "Y");
                return onMain(() -> Input.tap(x, y));
            }
            case "back":
                expect(command, args, 0, "");
                return onMain(Input::back);
            case "home":
                expect(command, args, 0, "");
                return onMain(ActivityThread::handleHome);
            case "text":
                expect(command, args, 1, "STRING");
                return onMain(() -> Input.text(args[0]));
            case "activity":
                expect(command, args, 0, "");
                return onMain(ActivityThread::resumedActivityName);
            case "sensor": {
                expect(command, args, 4, "TYPE X Y Z");
                int type = integer(args[0], "TYPE");
                float[] values = {(float) number(args[1], "X"), (float) number(args[2], "Y"), (float) number(args[3], "Z")};
                return onMain(() -> "delivered to "
                        + SensorService.inject(type, values, SystemClock.elapsedRealtimeNanos()) + " listener(s)");
            }
            case "location": {
                expect(command, args, 2, "LAT LON");
                double latitude = number(args[0], "LAT");
                double longitude = number(args[1], "LON");
                if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                    throw new CommandException("coordinates out of range: " + latitude + "," + longitude);
                }
                return onMain(() -> "delivered to " + LocationService.setFix(latitude, longitude) + " listener(s)");
            }
            case "grant":
            case "revoke": {
                expect(command, args, 1, "PERMISSION");
                String permission = args[0];
                boolean grant = command.equals("grant");
                return onMain(() -> changePermission(permission, grant));
            }
            case "clock": {
                // control thread: a busy main thread must not delay changing the rate
                if (args.length > 1) {
                    throw new CommandException("usage: clock [RATE] (got " + args.length + " argument(s))");
                }
                if (args.length == 1) {
                    double rate = number(args[0], "RATE");
                    if (rate < 1 || rate > SimClock.MAX_RATE) {
                        throw new CommandException("clock rate must be between 1 and " + SimClock.MAX_RATE + ": " + rate);
                    }
                    SimClock.setRate(rate);
                }
                return "rate=" + SimClock.rate() + " uptime=" + SystemClock.uptimeMillis();
            }
            case "screenshot": {
                expect(command, args, 1, "PATH");
                // A device's screencap does not wait for the app's main thread; here drawing needs it,
                // so a slow first render (AWT start-up on a loaded host) gets longer than other commands.
                java.awt.image.BufferedImage[] image = new java.awt.image.BufferedImage[1];
                onMain(() -> {
                    image[0] = Screenshot.render();
                    return "";
                }, SCREENSHOT_MAIN_TIMEOUT_MS);
                return Screenshot.save(image[0], Path.of(args[0]));
            }
            default:
                throw new CommandException("unknown command: " + command + " (known: " + Arrays.toString(new String[] {
                    "start", "dump", "tap", "back", "home", "text", "foreground", "activity", "sensor", "location",
                    "grant", "revoke", "screenshot", "clock", "exit", "ping"}) + ")");
        }
    }

    private static String changePermission(String permission, boolean grant) throws CommandException {
        if (!Permissions.isDeclared(permission)) {
            throw new CommandException("package " + SimRuntime.packageName() + " has not requested permission "
                    + permission);
        }
        if (!Permissions.isDangerous(permission)) {
            if (grant) {
                return "granted (normal permission, granted at install)";
            }
            throw new CommandException("permission " + permission + " is not a changeable permission type");
        }
        if (grant) {
            Permissions.set(permission, true);
        } else {
            Permissions.revokeByShell(permission);
        }
        return grant ? "granted" : "revoked";
    }

    private String onMain(MainTask task) throws CommandException {
        return onMain(task, MAIN_THREAD_TIMEOUT_MS);
    }

    /**
     * Runs the task on the main looper and waits for it. A CommandException becomes ERR; anything
     * else thrown there is the app's crash and is left to kill the process (no reply is sent).
     */
    private String onMain(MainTask task, long timeoutMs) throws CommandException {
        CountDownLatch done = new CountDownLatch(1);
        String[] result = new String[1];
        CommandException[] failure = new CommandException[1];
        boolean[] crashed = new boolean[1];
        Runnable runnable = () -> {
            boolean finished = false;
            try {
                result[0] = task.run();
                finished = true;
            } catch (CommandException e) {
                failure[0] = e;
                finished = true;
            } finally {
                crashed[0] = !finished;
                done.countDown();
            }
        };
        mainHandler.post(runnable);
        try {
            if (!done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new CommandException("main thread busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted");
        }
        if (crashed[0]) {
            waitForDeath();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        settle(timeoutMs);
        return result[0] == null ? "" : result[0];
    }

    /**
     * Lets what the command posted without delay run before the reply (finish(), startActivity()
     * and requestPermissions() complete asynchronously on Android too): waits on the main looper
     * until no message is due, for a few rounds at most.
     */
    private void settle(long timeoutMs) throws CommandException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            CountDownLatch reached = new CountDownLatch(1);
            boolean[] idle = new boolean[1];
            mainHandler.post(() -> {
                idle[0] = Looper.getMainLooper().getQueue().isIdle();
                reached.countDown();
            });
            try {
                if (!reached.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    throw new CommandException("main thread busy");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException("interrupted");
            }
            if (idle[0]) {
                return;
            }
        }
    }

    /** The main thread is crashing; the process is about to exit, so this command gets no answer. */
    private static void waitForDeath() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: the process is on its way out
            }
        }
    }
}
