package com.privacyprobe.sim;

import android.location.Location;
import android.location.LocationListener;
import android.os.Handler;
import android.os.Looper;
import android.os.SystemClock;
import java.util.ArrayList;
import java.util.List;

/** The device's position fix and the registered LocationListeners (one registration per listener). */
public final class LocationService {
    private static final long MIN_INTERVAL_MS = 1000;
    private static final List<Registration> REGISTRATIONS = new ArrayList<>();
    private static double latitude = Double.NaN;
    private static double longitude = Double.NaN;

    private LocationService() {
    }

    private static final class Registration implements Runnable {
        final String provider;
        final LocationListener listener;
        final Handler handler;
        final long intervalMs;
        final boolean once;
        volatile boolean active = true;

        Registration(String provider, LocationListener listener, Looper looper, long intervalMs, boolean once) {
            this.provider = provider;
            this.listener = listener;
            this.handler = new Handler(looper);
            this.intervalMs = intervalMs;
            this.once = once;
        }

        @Override
        public void run() {
            if (!active) {
                return;
            }
            deliver();
            if (once) {
                unregister(listener);
            } else if (active) {
                handler.postDelayed(this, intervalMs);
            }
        }

        void deliver() {
            listener.onLocationChanged(fix(provider));
        }
    }

    private static synchronized void ensureFix() {
        if (Double.isNaN(latitude)) {
            latitude = SimRuntime.profileDouble("latitude", 0.0);
            longitude = SimRuntime.profileDouble("longitude", 0.0);
        }
    }

    public static synchronized Location fix(String provider) {
        ensureFix();
        Location location = new Location(provider == null ? "gps" : provider);
        location.setLatitude(latitude);
        location.setLongitude(longitude);
        location.setAltitude(12.0);
        location.setAccuracy("gps".equals(provider) ? 8.0f : 20.0f);
        location.setTime(System.currentTimeMillis());
        location.setElapsedRealtimeNanos(SystemClock.elapsedRealtimeNanos());
        return location;
    }

    public static void register(String provider, long minTimeMs, LocationListener listener, Looper looper, boolean once) {
        Registration registration = new Registration(provider, listener, looper,
                Math.max(minTimeMs, MIN_INTERVAL_MS), once);
        synchronized (LocationService.class) {
            unregister(listener);
            REGISTRATIONS.add(registration);
        }
        registration.handler.post(registration);
    }

    public static synchronized void unregister(LocationListener listener) {
        REGISTRATIONS.removeIf(registration -> {
            if (registration.listener == listener) {
                registration.active = false;
                registration.handler.removeCallbacks(registration);
                return true;
            }
            return false;
        });
    }

    /** Moves the device; listeners hear about it at once (on their own looper). Returns how many. */
    static int setFix(double newLatitude, double newLongitude) {
        List<Registration> targets;
        synchronized (LocationService.class) {
            latitude = newLatitude;
            longitude = newLongitude;
            targets = new ArrayList<>(REGISTRATIONS);
        }
        for (Registration registration : targets) {
            if (registration.handler.getLooper().isCurrentThread()) {
                registration.deliver();
            } else {
                registration.handler.post(registration::deliver);
            }
        }
        return targets.size();
    }
}
