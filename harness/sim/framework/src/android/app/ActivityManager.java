package android.app;

import android.content.ComponentName;
import android.content.Context;
import android.os.Process;
import com.privacyprobe.sim.SimRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Running processes, tasks and services. Since API 21/22 an app sees only its own: getRunningTasks
 * and getRecentTasks return the caller's tasks, getRunningAppProcesses its own processes
 * (developer.android.com/reference/android/app/ActivityManager#getRunningTasks(int),
 * #getRunningAppProcesses()), getRunningServices its own services from API 26.
 */
public class ActivityManager {
    private final Context mContext;

    /** @hide on Android (constructed by the system service registry). */
    public ActivityManager(Context context) {
        mContext = context;
    }

    public static class RunningAppProcessInfo {
        public static final int IMPORTANCE_FOREGROUND = 100;
        public static final int IMPORTANCE_CACHED = 400;
        public String processName;
        public int pid;
        public int uid;
        public String[] pkgList;
        public int importance;

        public RunningAppProcessInfo() {
        }

        public RunningAppProcessInfo(String processName, int pid, String[] pkgList) {
            this.processName = processName;
            this.pid = pid;
            this.pkgList = pkgList;
        }
    }

    public static class RunningTaskInfo {
        public int id;
        public ComponentName baseActivity;
        public ComponentName topActivity;
        public int numActivities;
    }

    public static class RecentTaskInfo {
        public int id;
        public ComponentName baseActivity;
        public ComponentName topActivity;
    }

    public static class RunningServiceInfo {
        public ComponentName service;
        public int pid;
        public int uid;
        public String process;
    }

    public static class MemoryInfo {
        public long availMem;
        public long totalMem;
        public long threshold;
        public boolean lowMemory;
    }

    public List<RunningAppProcessInfo> getRunningAppProcesses() {
        String name = SimRuntime.packageName();
        RunningAppProcessInfo own = new RunningAppProcessInfo(name, Process.myPid(), new String[] {name});
        own.uid = Process.myUid();
        own.importance = RunningAppProcessInfo.IMPORTANCE_FOREGROUND;
        List<RunningAppProcessInfo> result = new ArrayList<>();
        result.add(own);
        return result;
    }

    private static ComponentName launcher() {
        String activity = SimRuntime.launcherActivity();
        return activity.isEmpty() ? null : new ComponentName(SimRuntime.packageName(), activity);
    }

    @Deprecated
    public List<RunningTaskInfo> getRunningTasks(int maxNum) {
        List<RunningTaskInfo> result = new ArrayList<>();
        if (maxNum > 0) {
            RunningTaskInfo task = new RunningTaskInfo();
            task.id = 1;
            task.baseActivity = launcher();
            task.topActivity = launcher();
            task.numActivities = 1;
            result.add(task);
        }
        return result;
    }

    @Deprecated
    public List<RecentTaskInfo> getRecentTasks(int maxNum, int flags) {
        List<RecentTaskInfo> result = new ArrayList<>();
        if (maxNum > 0) {
            RecentTaskInfo task = new RecentTaskInfo();
            task.id = 1;
            task.baseActivity = launcher();
            task.topActivity = launcher();
            result.add(task);
        }
        return result;
    }

    @Deprecated
    public List<RunningServiceInfo> getRunningServices(int maxNum) {
        return new ArrayList<>();
    }

    public void getMemoryInfo(MemoryInfo outInfo) {
        outInfo.totalMem = 8L << 30;
        outInfo.availMem = 3L << 30;
        outInfo.threshold = 216L << 20;
        outInfo.lowMemory = false;
    }

    public boolean isLowRamDevice() {
        return false;
    }
}
