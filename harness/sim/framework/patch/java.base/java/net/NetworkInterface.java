package java.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The simulated device's network interfaces, patched into java.base of the sim's JVM
 * (--patch-module, harness/sim/build.py): an app on the sim sees a loopback `lo` and a Wi-Fi
 * `wlan0` (192.168.1.23, as WifiInfo), never the host's own interfaces or MAC.
 *
 * getHardwareAddress as on Android 11 and later (every API level the sim offers): null for
 * non-system apps targeting API 30 or higher, the placeholder 02:00:00:00:00:00 for older targets
 * (libcore ojluni java/net/NetworkInterface.java getHardwareAddress documentation;
 * developer.android.com/training/articles/user-data-ids#mac-11-plus). Loopback has none.
 * Same public API as the JDK's java.net.NetworkInterface; written for the sim, not derived from it.
 */
public final class NetworkInterface {
    private static final int ANDROID_11 = 30;
    private static final byte[] PLACEHOLDER_MAC = {2, 0, 0, 0, 0, 0};
    private static final NetworkInterface[] ALL = simulatedInterfaces();

    private String name;
    private String displayName;
    private int index;
    private InetAddress[] addrs;
    private InterfaceAddress[] bindings;
    private NetworkInterface[] childs;
    private NetworkInterface parent;
    private boolean virtual;
    private byte[] hardwareAddress;
    private boolean loopback;
    private int mtu;

    NetworkInterface() {
    }

    NetworkInterface(String name, int index, InetAddress[] addrs) {
        this.name = name;
        this.displayName = name;
        this.index = index;
        this.addrs = addrs;
        this.bindings = new InterfaceAddress[0];
        this.childs = new NetworkInterface[0];
    }

    private static String launcherArgument(String option) {
        String command = System.getProperty("sun.java.command", "");
        List<String> words = Arrays.asList(command.split(" "));
        int at = words.indexOf(option);
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }

    private static Properties launcherProperties(String option) {
        Properties properties = new Properties();
        String file = launcherArgument(option);
        if (file == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            properties.load(in);
        } catch (IOException e) {
            // an unreadable file leaves the default: target 0
        }
        return properties;
    }

    private static NetworkInterface[] simulatedInterfaces() {
        Properties app = launcherProperties("--app");
        int targetSdk;
        try {
            targetSdk = Integer.parseInt(app.getProperty("target_sdk", "0").trim());
        } catch (NumberFormatException e) {
            targetSdk = 0;
        }
        try {
            NetworkInterface lo = new NetworkInterface("lo", 1, new InetAddress[] {
                InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
            });
            lo.loopback = true;
            lo.mtu = 65536;
            NetworkInterface wlan0 = new NetworkInterface("wlan0", 30, new InetAddress[] {
                InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 23}),
            });
            wlan0.mtu = 1500;
            wlan0.hardwareAddress = targetSdk >= ANDROID_11 ? null : PLACEHOLDER_MAC;
            return new NetworkInterface[] {lo, wlan0};
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getName() {
        return name;
    }

    public Enumeration<InetAddress> getInetAddresses() {
        return Collections.enumeration(Arrays.asList(addrs));
    }

    public Stream<InetAddress> inetAddresses() {
        return Arrays.stream(addrs);
    }

    public List<InterfaceAddress> getInterfaceAddresses() {
        return new ArrayList<>(Arrays.asList(bindings));
    }

    public Enumeration<NetworkInterface> getSubInterfaces() {
        return Collections.enumeration(Arrays.asList(childs));
    }

    public Stream<NetworkInterface> subInterfaces() {
        return Arrays.stream(childs);
    }

    public NetworkInterface getParent() {
        return parent;
    }

    public int getIndex() {
        return index;
    }

    public String getDisplayName() {
        return displayName;
    }

    public static NetworkInterface getByName(String name) throws SocketException {
        if (name == null) {
            throw new NullPointerException();
        }
        return Arrays.stream(ALL).filter(nif -> nif.name.equals(name)).findFirst().orElse(null);
    }

    public static NetworkInterface getByIndex(int index) throws SocketException {
        if (index < 0) {
            throw new IllegalArgumentException("Interface index can't be negative");
        }
        return Arrays.stream(ALL).filter(nif -> nif.index == index).findFirst().orElse(null);
    }

    public static NetworkInterface getByInetAddress(InetAddress addr) throws SocketException {
        if (addr == null) {
            throw new NullPointerException();
        }
        for (NetworkInterface nif : ALL) {
            if (Arrays.asList(nif.addrs).contains(addr)) {
                return nif;
            }
        }
        return null;
    }

    public static Enumeration<NetworkInterface> getNetworkInterfaces() throws SocketException {
        return Collections.enumeration(Arrays.asList(ALL));
    }

    public static Stream<NetworkInterface> networkInterfaces() throws SocketException {
        return Arrays.stream(ALL);
    }

    static boolean isBoundInetAddress(InetAddress addr) throws SocketException {
        return getByInetAddress(addr) != null;
    }

    static NetworkInterface getDefault() {
        return null;
    }

    public boolean isUp() throws SocketException {
        return true;
    }

    public boolean isLoopback() throws SocketException {
        return loopback;
    }

    public boolean isPointToPoint() throws SocketException {
        return false;
    }

    public boolean supportsMulticast() throws SocketException {
        return !loopback;
    }

    public byte[] getHardwareAddress() throws SocketException {
        return hardwareAddress == null ? null : hardwareAddress.clone();
    }

    public int getMTU() throws SocketException {
        return mtu;
    }

    public boolean isVirtual() {
        return virtual;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof NetworkInterface && ((NetworkInterface) obj).name.equals(name)
                && ((NetworkInterface) obj).index == index;
    }

    @Override
    public int hashCode() {
        return name == null ? 0 : name.hashCode();
    }

    @Override
    public String toString() {
        return "name:" + name + (displayName != null ? " (" + displayName + ")" : "");
    }
}
