package android.hardware.camera2;

/** An open camera. */
public abstract class CameraDevice implements AutoCloseable {
    public static final int TEMPLATE_PREVIEW = 1;

    public abstract String getId();

    @Override
    public abstract void close();

    public abstract static class StateCallback {
        public static final int ERROR_CAMERA_IN_USE = 1;
        public static final int ERROR_CAMERA_DISABLED = 3;

        public abstract void onOpened(CameraDevice camera);

        public void onClosed(CameraDevice camera) {
        }

        public abstract void onDisconnected(CameraDevice camera);

        public abstract void onError(CameraDevice camera, int error);
    }
}
