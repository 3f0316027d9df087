package android.os;

import com.privacyprobe.sim.Exit;

public class Process {
    public static final int THREAD_PRIORITY_DEFAULT = 0;
    public static final int THREAD_PRIORITY_BACKGROUND = 10;
    public static final int THREAD_PRIORITY_FOREGROUND = -2;
    public static final int THREAD_PRIORITY_DISPLAY = -4;
    public static final int THREAD_PRIORITY_LOWEST = 19;
    public static final int SIGNAL_KILL = 9;
    public static final int SIGNAL_QUIT = 3;
    public static final int SYSTEM_UID = 1000;
    public static final int FIRST_APPLICATION_UID = 10000;
    private static final int APP_UID = 10123;

    public static int myPid() {
        return (int) ProcessHandle.current().pid();
    }

    public static int myTid() {
        return (int) Thread.currentThread().getId();
    }

    public static int myUid() {
        return APP_UID;
    }

    public static void setThreadPriority(int priority) {
    }

    public static void setThreadPriority(int tid, int priority) {
    }

    public static int getThreadPriority(int tid) {
        return THREAD_PRIORITY_DEFAULT;
    }

    public static void killProcess(int pid) {
        if (pid == myPid()) {
            Exit.kill();
        }
    }

    public static void sendSignal(int pid, int signal) {
        if (pid == myPid() && signal == SIGNAL_KILL) {
            Exit.kill();
        }
    }
}
