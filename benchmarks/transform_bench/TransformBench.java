import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.security.MessageDigest;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The workload of benchmarks/transform_overhead.py: SHA-256 and AES/CBC over the same bytes, fed
 * in small buffers through update(), one doFinal/digest per pass. Each "run N" line on stdin runs
 * one pass over N bytes and prints "ns <elapsed>"; "quit" ends.
 */
public final class TransformBench {
    private TransformBench() {
    }

    public static void main(String[] args) throws Exception {
        int bufferSize = Integer.parseInt(args[0]);
        byte[] buffer = new byte[bufferSize];
        new Random(7).nextBytes(buffer);
        byte[] out = new byte[bufferSize + 32];
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        IvParameterSpec iv = new IvParameterSpec(new byte[16]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            long total = Long.parseLong(line.substring(4));
            long started = System.nanoTime();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, iv);
            for (long done = 0; done < total; done += bufferSize) {
                digest.update(buffer, 0, bufferSize);
                cipher.update(buffer, 0, bufferSize, out, 0);
            }
            byte[] hashed = digest.digest();
            byte[] last = cipher.doFinal();
            long elapsed = System.nanoTime() - started;
            System.out.println("ns " + elapsed + " " + (hashed[0] ^ last.length));
            System.out.flush();
        }
    }
}
