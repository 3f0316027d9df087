package android.net;

/** A network the device is connected to, by its id. */
public class Network {
    private final int mNetId;

    Network(int netId) {
        mNetId = netId;
    }

    @Override
    public String toString() {
        return Integer.toString(mNetId);
    }
}
