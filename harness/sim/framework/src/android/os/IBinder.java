package android.os;

/** The interface a bound service hands out (AOSP core/java/android/os/IBinder.java); no binding in the sim. */
public interface IBinder {
}
