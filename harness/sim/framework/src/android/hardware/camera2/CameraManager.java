package android.hardware.camera2;

import android.content.Context;
import android.os.Handler;
import com.privacyprobe.sim.Permissions;

/**
 * camera2 service. openCamera without CAMERA throws SecurityException
 * (developer.android.com/reference/android/hardware/camera2/CameraManager#openCamera: "SecurityException
 * if the application does not have permission to access the camera").
 */
public final class CameraManager {
    private static final String[] IDS = {"0", "1"};
    private final Context mContext;

    public CameraManager(Context context) {
        mContext = context;
    }

    public String[] getCameraIdList() throws CameraAccessException {
        return IDS.clone();
    }

    public void openCamera(String cameraId, CameraDevice.StateCallback callback, Handler handler)
            throws CameraAccessException {
        if (cameraId == null || callback == null) {
            throw new IllegalArgumentException("cameraId and callback must not be null");
        }
        if (!"0".equals(cameraId) && !"1".equals(cameraId)) {
            throw new IllegalArgumentException("Unknown camera ID " + cameraId);
        }
        if (!Permissions.isGranted(Permissions.CAMERA)) {
            throw new SecurityException("validateClientPermissionsLocked:1165: Callers from device user 0 are not "
                    + "currently allowed to connect to camera \"" + cameraId + "\"");
        }
        CameraDevice device = new CameraDevice() {
            @Override
            public String getId() {
                return cameraId;
            }

            @Override
            public void close() {
            }
        };
        Runnable opened = () -> callback.onOpened(device);
        if (handler != null) {
            handler.post(opened);
        } else {
            new Handler(android.os.Looper.getMainLooper()).post(opened);
        }
    }
}
