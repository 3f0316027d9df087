"""The simulated Android device: apps run in the host JVM on a small android.* framework."""
