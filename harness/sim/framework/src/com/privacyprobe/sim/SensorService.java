package com.privacyprobe.sim;

import java.util.ArrayList;
import java.util.List;

/** Sensor registrations of the app; the harness injects readings through here. */
public final class SensorService {
    public interface Sink {
        int sensorType();

        Object listener();

        void deliver(float[] values, long timestampNs);
    }

    private static final List<Sink> SINKS = new ArrayList<>();

    private SensorService() {
    }

    public static synchronized void register(Sink sink) {
        SINKS.add(sink);
    }

    /** Removes the listener's registrations, for one sensor type or all of them (type -1). */
    public static synchronized boolean unregister(Object listener, int sensorType) {
        return SINKS.removeIf(s -> s.listener() == listener && (sensorType == -1 || s.sensorType() == sensorType));
    }

    static int inject(int sensorType, float[] values, long timestampNs) {
        List<Sink> targets = new ArrayList<>();
        synchronized (SensorService.class) {
            for (Sink sink : SINKS) {
                if (sink.sensorType() == sensorType) {
                    targets.add(sink);
                }
            }
        }
        for (Sink sink : targets) {
            sink.deliver(values.clone(), timestampNs);
        }
        return targets.size();
    }
}
