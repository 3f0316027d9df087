package android.location;

import android.content.Context;
import android.os.Looper;
import com.privacyprobe.sim.LocationService;
import com.privacyprobe.sim.Permissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class LocationManager {
    public static final String GPS_PROVIDER = "gps";
    public static final String NETWORK_PROVIDER = "network";
    public static final String PASSIVE_PROVIDER = "passive";
    public static final String FUSED_PROVIDER = "fused";
    public static final String KEY_LOCATION_CHANGED = "location";
    public static final String KEY_PROVIDER_ENABLED = "providerEnabled";
    public static final String PROVIDERS_CHANGED_ACTION = "android.location.PROVIDERS_CHANGED";
    private static final List<String> PROVIDERS = Arrays.asList(PASSIVE_PROVIDER, GPS_PROVIDER, NETWORK_PROVIDER);

    private final Context mContext;

    public LocationManager(Context context) {
        mContext = context;
    }

    private static void checkLocationPermission(String method) {
        Permissions.enforce(method, Permissions.ACCESS_FINE_LOCATION, Permissions.ACCESS_COARSE_LOCATION);
    }

    private static void checkProvider(String provider) {
        if (provider == null) {
            throw new IllegalArgumentException("invalid provider: null");
        }
    }

    public Location getLastKnownLocation(String provider) {
        checkLocationPermission("getLastKnownLocation");
        checkProvider(provider);
        if (!PROVIDERS.contains(provider) && !FUSED_PROVIDER.equals(provider)) {
            return null;
        }
        return LocationService.fix(provider);
    }

    public void requestLocationUpdates(String provider, long minTimeMs, float minDistanceM, LocationListener listener) {
        requestLocationUpdates(provider, minTimeMs, minDistanceM, listener, null);
    }

    public void requestLocationUpdates(String provider, long minTimeMs, float minDistanceM, LocationListener listener,
            Looper looper) {
        checkLocationPermission("requestLocationUpdates");
        checkProvider(provider);
        if (listener == null) {
            throw new IllegalArgumentException("invalid null listener");
        }
        LocationService.register(provider, minTimeMs, listener, resolveLooper(looper), false);
    }

    public void requestSingleUpdate(String provider, LocationListener listener, Looper looper) {
        checkLocationPermission("requestSingleUpdate");
        checkProvider(provider);
        if (listener == null) {
            throw new IllegalArgumentException("invalid null listener");
        }
        LocationService.register(provider, 0, listener, resolveLooper(looper), true);
    }

    private static Looper resolveLooper(Looper looper) {
        if (looper != null) {
            return looper;
        }
        Looper current = Looper.myLooper();
        if (current == null) {
            throw new RuntimeException("Can't create handler inside thread " + Thread.currentThread()
                    + " that has not called Looper.prepare()");
        }
        return current;
    }

    public void removeUpdates(LocationListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("invalid null listener");
        }
        LocationService.unregister(listener);
    }

    public boolean isProviderEnabled(String provider) {
        checkProvider(provider);
        return PROVIDERS.contains(provider);
    }

    public boolean isLocationEnabled() {
        return true;
    }

    public List<String> getAllProviders() {
        return new ArrayList<>(PROVIDERS);
    }

    public List<String> getProviders(boolean enabledOnly) {
        return new ArrayList<>(PROVIDERS);
    }

    /**
     * API 30: one fresh fix (or null) delivered to the consumer on the executor
     * (developer.android.com/reference/android/location/LocationManager#getCurrentLocation).
     */
    public void getCurrentLocation(String provider, android.os.CancellationSignal cancellationSignal,
            java.util.concurrent.Executor executor, java.util.function.Consumer<Location> consumer) {
        checkLocationPermission("getCurrentLocation");
        checkProvider(provider);
        if (executor == null || consumer == null) {
            throw new IllegalArgumentException("invalid null executor or consumer");
        }
        Location fix = PROVIDERS.contains(provider) || FUSED_PROVIDER.equals(provider)
                ? LocationService.fix(provider) : null;
        if (cancellationSignal == null || !cancellationSignal.isCanceled()) {
            executor.execute(() -> consumer.accept(fix));
        }
    }

    public String getBestProvider(Criteria criteria, boolean enabledOnly) {
        return GPS_PROVIDER;
    }
}
