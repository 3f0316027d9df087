package android.content.pm;

/** What an intent resolved to: exactly one of activityInfo / serviceInfo is set. */
public class ResolveInfo {
    public ActivityInfo activityInfo;
    public ServiceInfo serviceInfo;
    public int priority;
    public int match;
    public boolean isDefault;

    public ResolveInfo() {
    }

    public CharSequence loadLabel(PackageManager pm) {
        ComponentInfo info = activityInfo != null ? activityInfo : serviceInfo;
        return info == null ? "" : info.loadLabel(pm);
    }

    @Override
    public String toString() {
        ComponentInfo info = activityInfo != null ? activityInfo : serviceInfo;
        return "ResolveInfo{" + (info == null ? "null" : info.packageName + "/" + info.name) + "}";
    }
}
