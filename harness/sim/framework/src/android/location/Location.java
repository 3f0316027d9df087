package android.location;

import android.os.Bundle;
import java.util.Locale;

public class Location {
    private String mProvider;
    private long mTime;
    private long mElapsedRealtimeNanos;
    private double mLatitude;
    private double mLongitude;
    private double mAltitude;
    private float mSpeed;
    private float mBearing;
    private float mAccuracy;
    private boolean mHasAltitude;
    private boolean mHasSpeed;
    private boolean mHasBearing;
    private boolean mHasAccuracy;
    private Bundle mExtras;

    public Location(String provider) {
        mProvider = provider;
    }

    public Location(Location l) {
        set(l);
    }

    public void set(Location l) {
        mProvider = l.mProvider;
        mTime = l.mTime;
        mElapsedRealtimeNanos = l.mElapsedRealtimeNanos;
        mLatitude = l.mLatitude;
        mLongitude = l.mLongitude;
        mAltitude = l.mAltitude;
        mSpeed = l.mSpeed;
        mBearing = l.mBearing;
        mAccuracy = l.mAccuracy;
        mHasAltitude = l.mHasAltitude;
        mHasSpeed = l.mHasSpeed;
        mHasBearing = l.mHasBearing;
        mHasAccuracy = l.mHasAccuracy;
        mExtras = l.mExtras == null ? null : new Bundle(l.mExtras);
    }

    public void reset() {
        set(new Location((String) null));
    }

    public String getProvider() {
        return mProvider;
    }

    public void setProvider(String provider) {
        mProvider = provider;
    }

    public long getTime() {
        return mTime;
    }

    public void setTime(long time) {
        mTime = time;
    }

    public long getElapsedRealtimeNanos() {
        return mElapsedRealtimeNanos;
    }

    public void setElapsedRealtimeNanos(long time) {
        mElapsedRealtimeNanos = time;
    }

    public double getLatitude() {
        return mLatitude;
    }

    public void setLatitude(double latitude) {
        mLatitude = latitude;
    }

    public double getLongitude() {
        return mLongitude;
    }

    public void setLongitude(double longitude) {
        mLongitude = longitude;
    }

    public boolean hasAltitude() {
        return mHasAltitude;
    }

    public double getAltitude() {
        return mAltitude;
    }

    public void setAltitude(double altitude) {
        mAltitude = altitude;
        mHasAltitude = true;
    }

    public boolean hasSpeed() {
        return mHasSpeed;
    }

    public float getSpeed() {
        return mSpeed;
    }

    public void setSpeed(float speed) {
        mSpeed = speed;
        mHasSpeed = true;
    }

    public boolean hasBearing() {
        return mHasBearing;
    }

    public float getBearing() {
        return mBearing;
    }

    public void setBearing(float bearing) {
        mBearing = bearing;
        mHasBearing = true;
    }

    public boolean hasAccuracy() {
        return mHasAccuracy;
    }

    public float getAccuracy() {
        return mAccuracy;
    }

    public void setAccuracy(float accuracy) {
        mAccuracy = accuracy;
        mHasAccuracy = true;
    }

    public boolean isFromMockProvider() {
        return false;
    }

    public Bundle getExtras() {
        return mExtras;
    }

    public void setExtras(Bundle extras) {
        mExtras = extras == null ? null : new Bundle(extras);
    }

    public float distanceTo(Location dest) {
        float[] results = new float[1];
        distanceBetween(mLatitude, mLongitude, dest.mLatitude, dest.mLongitude, results);
        return results[0];
    }

    public float bearingTo(Location dest) {
        float[] results = new float[2];
        distanceBetween(mLatitude, mLongitude, dest.mLatitude, dest.mLongitude, results);
        return results[1];
    }

    /** Great-circle distance (metres) and, if asked, initial bearing (degrees). */
    public static void distanceBetween(double startLatitude, double startLongitude, double endLatitude,
            double endLongitude, float[] results) {
        if (results == null || results.length < 1) {
            throw new IllegalArgumentException("results is null or has length < 1");
        }
        double lat1 = Math.toRadians(startLatitude);
        double lat2 = Math.toRadians(endLatitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(endLongitude - startLongitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        results[0] = (float) (6_371_008.8 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)));
        if (results.length > 1) {
            double y = Math.sin(dLon) * Math.cos(lat2);
            double x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
            results[1] = (float) Math.toDegrees(Math.atan2(y, x));
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Location[");
        s.append(mProvider);
        s.append(String.format(Locale.ROOT, " %.6f,%.6f", mLatitude, mLongitude));
        if (mHasAccuracy) {
            s.append(String.format(Locale.ROOT, " hAcc=%.0f", mAccuracy));
        }
        s.append(" et=").append(mElapsedRealtimeNanos / 1_000_000L).append("ms");
        if (mHasAltitude) {
            s.append(" alt=").append(mAltitude);
        }
        if (mHasSpeed) {
            s.append(" vel=").append(mSpeed);
        }
        if (mHasBearing) {
            s.append(" bear=").append(mBearing);
        }
        return s.append(']').toString();
    }
}
