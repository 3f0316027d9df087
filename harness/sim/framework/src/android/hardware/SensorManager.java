package android.hardware;

import android.os.Handler;
import java.util.ArrayList;
import java.util.List;

public abstract class SensorManager {
    public static final float STANDARD_GRAVITY = 9.80665f;
    public static final float GRAVITY_EARTH = 9.80665f;
    public static final float GRAVITY_MOON = 1.6f;
    public static final float MAGNETIC_FIELD_EARTH_MAX = 60.0f;
    public static final float MAGNETIC_FIELD_EARTH_MIN = 30.0f;
    public static final float LIGHT_SUNLIGHT = 110000.0f;
    public static final int SENSOR_DELAY_FASTEST = 0;
    public static final int SENSOR_DELAY_GAME = 1;
    public static final int SENSOR_DELAY_UI = 2;
    public static final int SENSOR_DELAY_NORMAL = 3;
    public static final int SENSOR_STATUS_NO_CONTACT = -1;
    public static final int SENSOR_STATUS_UNRELIABLE = 0;
    public static final int SENSOR_STATUS_ACCURACY_LOW = 1;
    public static final int SENSOR_STATUS_ACCURACY_MEDIUM = 2;
    public static final int SENSOR_STATUS_ACCURACY_HIGH = 3;

    protected SensorManager() {
    }

    protected abstract List<Sensor> getFullSensorList();

    protected abstract boolean registerListenerImpl(SensorEventListener listener, Sensor sensor, int delayUs,
            Handler handler, int maxReportLatencyUs, int reservedFlags);

    protected abstract void unregisterListenerImpl(SensorEventListener listener, Sensor sensor);

    public List<Sensor> getSensorList(int type) {
        List<Sensor> result = new ArrayList<>();
        for (Sensor sensor : getFullSensorList()) {
            if (type == Sensor.TYPE_ALL || sensor.getType() == type) {
                result.add(sensor);
            }
        }
        return result;
    }

    public Sensor getDefaultSensor(int type) {
        List<Sensor> sensors = getSensorList(type);
        return type == Sensor.TYPE_ALL || sensors.isEmpty() ? null : sensors.get(0);
    }

    public Sensor getDefaultSensor(int type, boolean wakeUp) {
        return wakeUp ? null : getDefaultSensor(type);
    }

    private static int delayUs(int rate) {
        switch (rate) {
            case SENSOR_DELAY_FASTEST:
                return 0;
            case SENSOR_DELAY_GAME:
                return 20_000;
            case SENSOR_DELAY_UI:
                return 66_667;
            case SENSOR_DELAY_NORMAL:
                return 200_000;
            default:
                return rate;
        }
    }

    public boolean registerListener(SensorEventListener listener, Sensor sensor, int samplingPeriodUs) {
        return registerListener(listener, sensor, samplingPeriodUs, null);
    }

    public boolean registerListener(SensorEventListener listener, Sensor sensor, int samplingPeriodUs,
            int maxReportLatencyUs) {
        if (listener == null || sensor == null || samplingPeriodUs < 0 || maxReportLatencyUs < 0) {
            return false;
        }
        return registerListenerImpl(listener, sensor, delayUs(samplingPeriodUs), null, maxReportLatencyUs, 0);
    }

    public boolean registerListener(SensorEventListener listener, Sensor sensor, int samplingPeriodUs, Handler handler) {
        if (listener == null || sensor == null || samplingPeriodUs < 0) {
            return false;
        }
        return registerListenerImpl(listener, sensor, delayUs(samplingPeriodUs), handler, 0, 0);
    }

    public boolean registerListener(SensorEventListener listener, Sensor sensor, int samplingPeriodUs,
            int maxReportLatencyUs, Handler handler) {
        if (listener == null || sensor == null || samplingPeriodUs < 0 || maxReportLatencyUs < 0) {
            return false;
        }
        return registerListenerImpl(listener, sensor, delayUs(samplingPeriodUs), handler, maxReportLatencyUs, 0);
    }

    public void unregisterListener(SensorEventListener listener, Sensor sensor) {
        if (listener != null && sensor != null) {
            unregisterListenerImpl(listener, sensor);
        }
    }

    public void unregisterListener(SensorEventListener listener) {
        if (listener != null) {
            unregisterListenerImpl(listener, null);
        }
    }

    public static boolean getRotationMatrix(float[] r, float[] i, float[] gravity, float[] geomagnetic) {
        float ax = gravity[0];
        float ay = gravity[1];
        float az = gravity[2];
        float ex = geomagnetic[0];
        float ey = geomagnetic[1];
        float ez = geomagnetic[2];
        float hx = ey * az - ez * ay;
        float hy = ez * ax - ex * az;
        float hz = ex * ay - ey * ax;
        float normH = (float) Math.sqrt(hx * hx + hy * hy + hz * hz);
        if (normH < 0.1f) {
            return false;
        }
        float invH = 1.0f / normH;
        hx *= invH;
        hy *= invH;
        hz *= invH;
        float invA = 1.0f / (float) Math.sqrt(ax * ax + ay * ay + az * az);
        ax *= invA;
        ay *= invA;
        az *= invA;
        float mx = ay * hz - az * hy;
        float my = az * hx - ax * hz;
        float mz = ax * hy - ay * hx;
        if (r != null && r.length == 9) {
            r[0] = hx;
            r[1] = hy;
            r[2] = hz;
            r[3] = mx;
            r[4] = my;
            r[5] = mz;
            r[6] = ax;
            r[7] = ay;
            r[8] = az;
        }
        if (i != null && i.length == 9) {
            for (int k = 0; k < 9; k++) {
                i[k] = k % 4 == 0 ? 1 : 0;
            }
        }
        return true;
    }

    public static float[] getOrientation(float[] r, float[] values) {
        values[0] = (float) Math.atan2(r[1], r[4]);
        values[1] = (float) Math.asin(-r[7]);
        values[2] = (float) Math.atan2(-r[6], r[8]);
        return values;
    }
}
