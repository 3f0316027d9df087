package android.media;

import com.privacyprobe.sim.SimRuntime;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * DRM sessions; the sim carries Widevine only. PROPERTY_DEVICE_UNIQUE_ID is a per-device id any app
 * can read (frameworks/av drm, the reason for the canary `drm_id`).
 */
public final class MediaDrm implements AutoCloseable {
    public static final String PROPERTY_VENDOR = "vendor";
    public static final String PROPERTY_VERSION = "version";
    public static final String PROPERTY_DESCRIPTION = "description";
    public static final String PROPERTY_ALGORITHMS = "algorithms";
    public static final String PROPERTY_DEVICE_UNIQUE_ID = "deviceUniqueId";
    private static final UUID WIDEVINE = new UUID(0xEDEF8BA979D64ACEL, 0xA3C827DCD51D21EDL);

    public MediaDrm(UUID uuid) throws UnsupportedSchemeException {
        if (!WIDEVINE.equals(uuid)) {
            throw new UnsupportedSchemeException("Failed to instantiate drm object.");
        }
    }

    public static boolean isCryptoSchemeSupported(UUID uuid) {
        return WIDEVINE.equals(uuid);
    }

    public String getPropertyString(String propertyName) {
        switch (propertyName) {
            case PROPERTY_VENDOR:
                return "Google";
            case PROPERTY_VERSION:
                return "16.0.0";
            case PROPERTY_DESCRIPTION:
                return "Widevine CDM";
            case PROPERTY_ALGORITHMS:
                return "AES/CBC/NoPadding,HmacSHA256";
            default:
                throw new IllegalArgumentException("Unknown property " + propertyName);
        }
    }

    public byte[] getPropertyByteArray(String propertyName) {
        if (PROPERTY_DEVICE_UNIQUE_ID.equals(propertyName)) {
            String hex = SimRuntime.profileValue("drm_id", "");
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        return getPropertyString(propertyName).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
    }

    @Deprecated
    public void release() {
        close();
    }
}
