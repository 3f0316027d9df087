package android.app.usage;

/** One app's usage over an interval (what UsageStatsManager.queryUsageStats lists). */
public final class UsageStats {
    String mPackageName;
    long mBeginTimeStamp;
    long mEndTimeStamp;
    long mLastTimeUsed;
    long mTotalTimeInForeground;

    public String getPackageName() {
        return mPackageName;
    }

    public long getFirstTimeStamp() {
        return mBeginTimeStamp;
    }

    public long getLastTimeStamp() {
        return mEndTimeStamp;
    }

    public long getLastTimeUsed() {
        return mLastTimeUsed;
    }

    public long getTotalTimeInForeground() {
        return mTotalTimeInForeground;
    }
}
