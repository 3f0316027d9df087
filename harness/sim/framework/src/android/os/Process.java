package android.os;

public class Process {
    public static final int FIRST_APPLICATION_UID = 10000;
    public static final int THREAD_PRIORITY_DEFAULT = 0;
    public static final int THREAD_PRIORITY_BACKGROUND = 10;
    public static final int THREAD_PRIORITY_FOREGROUND = -2;
    public static final int SIGNAL_KILL = 9;
    public static final int SIGNAL_QUIT = 3;
    public static final int SIGNAL_USR1 = 10;

    // The uid of the one app installed on the simulated device.
    private static final int APP_UID = 10123;

    public static final int myPid() {
        return (int) ProcessHandle.current().pid();
    }

    public static final int myUid() {
        return APP_UID;
    }

    public static final int myTid() {
        return (int) Thread.currentThread().getId();
    }

    public static final void killProcess(int pid) {
        sendSignal(pid, SIGNAL_KILL);
    }

    public static final void sendSignal(int pid, int signal) {
        if (pid != myPid()) {
            return;
        }
        android.util.Log.i("Process", "Sending signal. PID: " + pid + " SIG: " + signal);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(128 + signal);
    }

    public static final void setThreadPriority(int priority) {}

    public static final void setThreadPriority(int tid, int priority) {}

    public static final int getThreadPriority(int tid) {
        return THREAD_PRIORITY_DEFAULT;
    }
}
