package android.app;

/**
 * The hook point between the system and the app's components (AOSP
 * core/java/android/app/Instrumentation.java): handleBindApplication creates the Application
 * and then calls callApplicationOnCreate, which calls its onCreate.
 */
public class Instrumentation {
    public void callApplicationOnCreate(Application app) {
        app.onCreate();
    }
}
