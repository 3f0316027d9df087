package android.app;

import android.content.ComponentName;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.os.Looper;
import android.view.ContextThemeWrapper;
import android.view.View;
import android.view.ViewGroup;
import android.view.Window;
import android.widget.FrameLayout;
import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.ResourceIds;

public class Activity extends ContextThemeWrapper {
    public static final int RESULT_CANCELED = 0;
    public static final int RESULT_OK = -1;
    public static final int RESULT_FIRST_USER = 1;

    Application mApplication;
    Intent mIntent;
    ComponentName mComponent;
    FrameLayout mDecor;
    FrameLayout mContentParent;
    private Window mWindow;
    private CharSequence mTitle;

    boolean mStarted;
    boolean mResumed;
    boolean mFinished;
    boolean mDestroyed;
    boolean mWindowAttached;

    Activity mCaller;
    int mRequestCode = -1;
    int mResultCode = RESULT_CANCELED;
    Intent mResultData;

    public Activity() {
        super();
    }

    final void attach(Context base, Application application, Intent intent, ComponentName component) {
        attachBaseContext(base);
        mApplication = application;
        mIntent = intent;
        mComponent = component;
        mDecor = new FrameLayout(this);
        mDecor.setPadding(0, com.privacyprobe.sim.Screen.STATUS_BAR_HEIGHT, 0, 0);
        mContentParent = new FrameLayout(this);
        ResourceIds.assign(mContentParent, "android:id/content");
        mDecor.addView(mContentParent);
        mWindow = new Window(this) {
            @Override
            public View getDecorView() {
                return mDecor;
            }
        };
    }

    // ---- lifecycle callbacks (apps override; the base versions dispatch to the Application) ----

    protected void onCreate(Bundle savedInstanceState) {
        mApplication.dispatchActivityCreated(this, savedInstanceState);
    }

    protected void onPostCreate(Bundle savedInstanceState) {
    }

    protected void onStart() {
        mApplication.dispatchActivityStarted(this);
    }

    protected void onRestart() {
    }

    protected void onResume() {
        mApplication.dispatchActivityResumed(this);
    }

    protected void onPostResume() {
    }

    protected void onPause() {
        mApplication.dispatchActivityPaused(this);
    }

    protected void onStop() {
        mApplication.dispatchActivityStopped(this);
    }

    protected void onDestroy() {
        mApplication.dispatchActivityDestroyed(this);
    }

    protected void onSaveInstanceState(Bundle outState) {
    }

    protected void onNewIntent(Intent intent) {
    }

    public void onWindowFocusChanged(boolean hasFocus) {
    }

    protected void onActivityResult(int requestCode, int resultCode, Intent data) {
    }

    public void onBackPressed() {
        finish();
    }

    public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] grantResults) {
    }

    // ---- driven by ActivityThread ----

    final void performCreate(Bundle icicle) {
        onCreate(icicle);
        onPostCreate(icicle);
    }

    final void performStart() {
        onStart();
        mStarted = true;
    }

    final void performRestart() {
        onRestart();
    }

    final void performResume() {
        onResume();
        mResumed = true;
        onPostResume();
        mWindowAttached = true;
        onWindowFocusChanged(true);
    }

    final void performPause() {
        mResumed = false;
        onPause();
        onWindowFocusChanged(false);
    }

    final void performStop() {
        mStarted = false;
        onStop();
    }

    final void performDestroy() {
        mDestroyed = true;
        onDestroy();
    }

    // ---- public API ----

    public final Application getApplication() {
        return mApplication;
    }

    public Intent getIntent() {
        return mIntent;
    }

    public void setIntent(Intent newIntent) {
        mIntent = newIntent;
    }

    public ComponentName getComponentName() {
        return mComponent;
    }

    public String getLocalClassName() {
        String pkg = getPackageName();
        String cls = mComponent.getClassName();
        return cls.startsWith(pkg + ".") ? cls.substring(pkg.length() + 1) : cls;
    }

    public Window getWindow() {
        return mWindow;
    }

    public final boolean requestWindowFeature(int featureId) {
        return true;
    }

    public void setContentView(View view) {
        setContentView(view, new ViewGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.MATCH_PARENT));
    }

    public void setContentView(View view, ViewGroup.LayoutParams params) {
        mContentParent.removeAllViews();
        mContentParent.addView(view, params);
    }

    public void addContentView(View view, ViewGroup.LayoutParams params) {
        mContentParent.addView(view, params);
    }

    @SuppressWarnings("unchecked")
    public <T extends View> T findViewById(int id) {
        return (T) mContentParent.findViewById(id);
    }

    public void setTitle(CharSequence title) {
        mTitle = title;
    }

    public final CharSequence getTitle() {
        return mTitle != null ? mTitle : com.privacyprobe.sim.SimRuntime.appLabel();
    }

    public boolean isFinishing() {
        return mFinished;
    }

    public boolean isDestroyed() {
        return mDestroyed;
    }

    public boolean isTaskRoot() {
        return ActivityThread.isTaskRoot(this);
    }

    public boolean isChangingConfigurations() {
        return false;
    }

    public void finish() {
        if (mFinished) {
            return;
        }
        mFinished = true;
        ActivityThread.scheduleFinish(this);
    }

    public void finishAffinity() {
        ActivityThread.finishAll();
    }

    public void finishAndRemoveTask() {
        ActivityThread.finishAll();
    }

    public boolean moveTaskToBack(boolean nonRoot) {
        return ActivityThread.moveTaskToBack(this, nonRoot);
    }

    public final void setResult(int resultCode) {
        mResultCode = resultCode;
        mResultData = null;
    }

    public final void setResult(int resultCode, Intent data) {
        mResultCode = resultCode;
        mResultData = data;
    }

    @Override
    public void startActivity(Intent intent) {
        ActivityThread.startActivity(this, intent, -1);
    }

    public void startActivity(Intent intent, Bundle options) {
        startActivity(intent);
    }

    public void startActivityForResult(Intent intent, int requestCode) {
        ActivityThread.startActivity(this, intent, requestCode);
    }

    public final void runOnUiThread(Runnable action) {
        if (Looper.myLooper() == Looper.getMainLooper()) {
            action.run();
        } else {
            ActivityThread.mainHandler().post(action);
        }
    }

    public final void requestPermissions(String[] permissions, int requestCode) {
        ActivityThread.requestPermissions(this, permissions, requestCode);
    }

    public boolean shouldShowRequestPermissionRationale(String permission) {
        return Permissions.wasDenied(permission);
    }

    @Override
    public Object getSystemService(String name) {
        if (getBaseContext() == null) {
            throw new IllegalStateException("System services not available to Activities before onCreate()");
        }
        return super.getSystemService(name);
    }

    @Override
    public String toString() {
        return getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
