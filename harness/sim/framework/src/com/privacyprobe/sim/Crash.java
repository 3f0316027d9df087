package com.privacyprobe.sim;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An uncaught exception on any thread kills the process, as Android's "app has stopped". */
public final class Crash implements Thread.UncaughtExceptionHandler {
    private static volatile boolean crashing;

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        fatal(thread, error);
    }

    public static void fatal(Thread thread, Throwable error) {
        synchronized (Crash.class) {
            if (crashing) {
                blockForever();
            }
            crashing = true;
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        StringBuilder out = new StringBuilder();
        String tag = "E/AndroidRuntime: ";
        out.append(tag).append("FATAL EXCEPTION: ").append(thread.getName()).append('\n');
        out.append(tag).append("Process: ").append(SimRuntime.packageName()).append(", PID: ")
                .append(ProcessHandle.current().pid()).append('\n');
        for (String line : trace.toString().split("\r?\n")) {
            out.append(tag).append(line).append('\n');
        }
        System.out.flush();
        System.err.print(out);
        Exit.exit(1);
    }

    /** A second crash while the first is ending the process must not race it to another exit status. */
    private static void blockForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: the process is on its way out
            }
        }
    }
}
