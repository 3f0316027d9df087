package android.content.pm;

/** A service declared in a manifest. */
public class ServiceInfo extends ComponentInfo {
    public String permission;

    public ServiceInfo() {
    }
}
