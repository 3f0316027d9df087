// Standard base64 of recorded bytes (payloads travel to the host as text). No imports: the native
// TLS probe uses it in a process without a Java runtime.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64Of(data: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += 3) {
    const n = ((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    parts.push(
      ALPHABET.charAt(n >> 18) +
        ALPHABET.charAt((n >> 12) & 63) +
        (i + 1 < data.length ? ALPHABET.charAt((n >> 6) & 63) : "=") +
        (i + 2 < data.length ? ALPHABET.charAt(n & 63) : "="),
    );
  }
  return parts.join("");
}
