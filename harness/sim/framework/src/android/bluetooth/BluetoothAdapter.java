package android.bluetooth;

import com.privacyprobe.sim.Permissions;
import com.privacyprobe.sim.SimRuntime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The local Bluetooth adapter. getAddress returns the constant 02:00:00:00:00:00 to apps without
 * LOCAL_MAC_ADDRESS since API 23 (developer.android.com/about/versions/marshmallow/android-6.0-changes
 * "Access to Hardware Identifier"). From API 31, apps targeting 31+ need BLUETOOTH_CONNECT for the
 * name, address and bonded devices (developer.android.com/develop/connectivity/bluetooth/bt-permissions).
 */
public final class BluetoothAdapter {
    public static final String DEFAULT_MAC_ADDRESS = "02:00:00:00:00:00";
    private static final BluetoothAdapter ADAPTER = new BluetoothAdapter();

    private BluetoothAdapter() {
    }

    @Deprecated
    public static BluetoothAdapter getDefaultAdapter() {
        return ADAPTER;
    }

    static void enforceConnect(String method) {
        if (Permissions.apiLevel() >= 31 && SimRuntime.targetSdk() >= 31) {
            Permissions.enforce(method, Permissions.BLUETOOTH_CONNECT);
        }
    }

    public boolean isEnabled() {
        return true;
    }

    public String getAddress() {
        enforceConnect("getAddress");
        return DEFAULT_MAC_ADDRESS;
    }

    public String getName() {
        enforceConnect("getName");
        return SimRuntime.profileValue("bluetooth_name", "Pixel 6");
    }

    public Set<BluetoothDevice> getBondedDevices() {
        enforceConnect("getBondedDevices");
        Set<BluetoothDevice> devices = new LinkedHashSet<>();
        devices.add(new BluetoothDevice(SimRuntime.profileValue("bluetooth_peer_address", "00:00:00:00:00:00"),
                SimRuntime.profileValue("bluetooth_peer_name", "")));
        return devices;
    }
}
