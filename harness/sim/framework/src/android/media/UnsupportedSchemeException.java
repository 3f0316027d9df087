package android.media;

/** The DRM scheme is not supported on this device. */
public final class UnsupportedSchemeException extends Exception {
    public UnsupportedSchemeException(String detailMessage) {
        super(detailMessage);
    }
}
