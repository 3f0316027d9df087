package android.net;

/** The last DHCP lease (addresses as little-endian ints, as WifiInfo.getIpAddress). */
@Deprecated
public class DhcpInfo {
    public int ipAddress;
    public int gateway;
    public int netmask;
    public int dns1;
    public int dns2;
    public int serverAddress;
    public int leaseDuration;

    public DhcpInfo() {
    }
}
