package android.content.pm;

/** An activity declared in a manifest. */
public class ActivityInfo extends ComponentInfo {
    public static final int LAUNCH_MULTIPLE = 0;
    public static final int SCREEN_ORIENTATION_UNSPECIFIED = -1;
    public static final int SCREEN_ORIENTATION_PORTRAIT = 1;
    public int launchMode = LAUNCH_MULTIPLE;
    public int screenOrientation = SCREEN_ORIENTATION_UNSPECIFIED;
    public String taskAffinity;
    public String targetActivity;

    public ActivityInfo() {
    }
}
