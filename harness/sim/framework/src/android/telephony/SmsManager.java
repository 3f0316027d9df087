package android.telephony;

import android.app.PendingIntent;
import com.privacyprobe.sim.Permissions;
import java.util.ArrayList;

/**
 * Sending SMS needs SEND_SMS (frameworks/base/telephony/java/android/telephony/SmsManager.java,
 * @RequiresPermission(SEND_SMS) on the send methods). The sim has no radio: a permitted message is
 * logged, as the modem would take it, and never leaves the host.
 */
public final class SmsManager {
    private static final SmsManager DEFAULT = new SmsManager();

    private SmsManager() {
    }

    @Deprecated
    public static SmsManager getDefault() {
        return DEFAULT;
    }

    public static int getDefaultSmsSubscriptionId() {
        return 1;
    }

    private static void send(String method, String destinationAddress, String what) {
        if (destinationAddress == null || destinationAddress.isEmpty()) {
            throw new IllegalArgumentException("Invalid destinationAddress");
        }
        Permissions.enforce(method, Permissions.SEND_SMS);
        System.out.println("I/SmsManager: " + method + " to " + destinationAddress + ": " + what);
    }

    public void sendTextMessage(String destinationAddress, String scAddress, String text, PendingIntent sentIntent,
            PendingIntent deliveryIntent) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Invalid message body");
        }
        send("sendTextMessage", destinationAddress, text.length() + " chars");
    }

    public void sendMultipartTextMessage(String destinationAddress, String scAddress, ArrayList<String> parts,
            ArrayList<PendingIntent> sentIntents, ArrayList<PendingIntent> deliveryIntents) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("Invalid message body");
        }
        send("sendMultipartTextMessage", destinationAddress, parts.size() + " parts");
    }

    public void sendDataMessage(String destinationAddress, String scAddress, short destinationPort, byte[] data,
            PendingIntent sentIntent, PendingIntent deliveryIntent) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("Invalid message data");
        }
        send("sendDataMessage", destinationAddress, data.length + " bytes to port " + destinationPort);
    }

    public ArrayList<String> divideMessage(String text) {
        ArrayList<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 160) {
            parts.add(text.substring(i, Math.min(text.length(), i + 160)));
        }
        return parts;
    }
}
