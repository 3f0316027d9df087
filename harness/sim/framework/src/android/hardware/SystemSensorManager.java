package android.hardware;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import com.privacyprobe.sim.SensorService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class SystemSensorManager extends SensorManager {
    private static final List<Sensor> SENSORS = Collections.unmodifiableList(List.of(
            new Sensor(Sensor.TYPE_ACCELEROMETER, "LSM6DSO Accelerometer", "STMicro", Sensor.STRING_TYPE_ACCELEROMETER,
                    78.4532f, 0.0023928226f, 0.17f, 2404),
            new Sensor(Sensor.TYPE_MAGNETIC_FIELD, "MMC56X3X Magnetometer", "memsic", "android.sensor.magnetic_field",
                    4912.0f, 0.0625f, 0.5f, 10000),
            new Sensor(Sensor.TYPE_GYROSCOPE, "LSM6DSO Gyroscope", "STMicro", Sensor.STRING_TYPE_GYROSCOPE,
                    34.906586f, 0.0012217305f, 0.55f, 2404),
            new Sensor(Sensor.TYPE_LIGHT, "TMD3719 Ambient Light Sensor", "AMS", "android.sensor.light",
                    60000.0f, 0.01f, 0.1f, 0),
            new Sensor(Sensor.TYPE_PRESSURE, "ICP10101 Pressure Sensor", "TDK-Invensense", "android.sensor.pressure",
                    1150.0f, 0.01f, 0.1f, 40000),
            new Sensor(Sensor.TYPE_PROXIMITY, "TMD3719 Proximity Sensor", "AMS", "android.sensor.proximity",
                    5.0f, 1.0f, 0.1f, 0),
            new Sensor(Sensor.TYPE_GRAVITY, "Gravity Sensor", "Google", "android.sensor.gravity",
                    78.4532f, 0.0023928226f, 0.72f, 5000),
            new Sensor(Sensor.TYPE_LINEAR_ACCELERATION, "Linear Acceleration Sensor", "Google",
                    "android.sensor.linear_acceleration", 78.4532f, 0.0023928226f, 0.72f, 5000),
            new Sensor(Sensor.TYPE_ROTATION_VECTOR, "Rotation Vector Sensor", "Google", "android.sensor.rotation_vector",
                    1.0f, 5.9604645E-8f, 1.22f, 5000),
            new Sensor(Sensor.TYPE_STEP_COUNTER, "Step Counter", "Google", "android.sensor.step_counter",
                    1.0f, 1.0f, 0.1f, 0)));

    private final Context mContext;

    public SystemSensorManager(Context context) {
        mContext = context;
    }

    @Override
    protected List<Sensor> getFullSensorList() {
        return new ArrayList<>(SENSORS);
    }

    @Override
    protected boolean registerListenerImpl(SensorEventListener listener, Sensor sensor, int delayUs, Handler handler,
            int maxReportLatencyUs, int reservedFlags) {
        if (!SENSORS.contains(sensor)) {
            return false;
        }
        Handler target = handler != null ? handler : new Handler(Looper.getMainLooper());
        SensorService.register(new SensorService.Sink() {
            @Override
            public int sensorType() {
                return sensor.getType();
            }

            @Override
            public Object listener() {
                return listener;
            }

            @Override
            public void deliver(float[] values, long timestampNs) {
                SensorEvent event = new SensorEvent(values.length);
                System.arraycopy(values, 0, event.values, 0, values.length);
                event.sensor = sensor;
                event.accuracy = SENSOR_STATUS_ACCURACY_HIGH;
                event.timestamp = timestampNs;
                if (target.getLooper().isCurrentThread()) {
                    listener.onSensorChanged(event);
                } else {
                    target.post(() -> listener.onSensorChanged(event));
                }
            }
        });
        return true;
    }

    @Override
    protected void unregisterListenerImpl(SensorEventListener listener, Sensor sensor) {
        SensorService.unregister(listener, sensor == null ? -1 : sensor.getType());
    }
}
