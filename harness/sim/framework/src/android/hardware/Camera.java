package android.hardware;

import com.privacyprobe.sim.Permissions;

/**
 * The old camera API. Without CAMERA the service refuses the connection and open() throws
 * RuntimeException("Fail to connect to camera service") (frameworks/base/core/jni/android_hardware_Camera.cpp).
 */
@Deprecated
public class Camera {
    public static final int CAMERA_FACING_BACK = 0;
    public static final int CAMERA_FACING_FRONT = 1;
    private final int mCameraId;

    private Camera(int cameraId) {
        mCameraId = cameraId;
    }

    public static int getNumberOfCameras() {
        return 2;
    }

    public static Camera open(int cameraId) {
        if (cameraId < 0 || cameraId >= getNumberOfCameras()) {
            throw new RuntimeException("Fail to connect to camera service");
        }
        if (!Permissions.isGranted(Permissions.CAMERA)) {
            throw new RuntimeException("Fail to connect to camera service");
        }
        System.out.println("I/CameraService: CameraService::connect call (camera ID " + cameraId + ")");
        return new Camera(cameraId);
    }

    public static Camera open() {
        return open(CAMERA_FACING_BACK);
    }

    public final void release() {
    }

    public final void startPreview() {
    }

    public final void stopPreview() {
    }
}
