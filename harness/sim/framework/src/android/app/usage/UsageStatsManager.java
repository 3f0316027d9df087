package android.app.usage;

import android.content.Context;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Per-app usage history: which apps were used, when and for how long (an app list with times).
 * Reading it needs PACKAGE_USAGE_STATS, an app-op permission the user grants in Settings > Usage
 * access; without it the service answers null and the manager returns an empty list, map or event
 * stream rather than throwing (frameworks/base core/java/android/app/usage/UsageStatsManager.java,
 * services/usage/java/com/android/server/usage/UsageStatsService.java hasPermission). The sim has no
 * Usage access page, so no app holds it: every query answers empty, as for a fresh install.
 */
public final class UsageStatsManager {
    public static final int INTERVAL_DAILY = 0;
    public static final int INTERVAL_WEEKLY = 1;
    public static final int INTERVAL_MONTHLY = 2;
    public static final int INTERVAL_YEARLY = 3;
    public static final int INTERVAL_BEST = 4;

    private final Context mContext;

    /** @hide on Android (constructed by the system service registry). */
    public UsageStatsManager(Context context) {
        mContext = context;
    }

    public List<UsageStats> queryUsageStats(int intervalType, long beginTime, long endTime) {
        return Collections.emptyList();
    }

    public Map<String, UsageStats> queryAndAggregateUsageStats(long beginTime, long endTime) {
        return Collections.emptyMap();
    }

    public UsageEvents queryEvents(long beginTime, long endTime) {
        return new UsageEvents();
    }
}
