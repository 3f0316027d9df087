"""The sim's android.util.Base64 against Android's documented behaviour (flags, 76-character lines,
the trailing newline of DEFAULT, lenient decoding), run on the real JVM."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.sim.build import framework_classes

pytestmark = pytest.mark.skipif(shutil.which("javac") is None, reason="needs a JDK 17 (javac)")

PROBE = """
import android.util.Base64;
import java.nio.charset.StandardCharsets;

public class Base64Probe {
    public static void main(String[] args) {
        int[] sizes = {0, 1, 2, 3, 56, 57, 58, 114, 200};
        int[] flags = {Base64.DEFAULT, Base64.NO_WRAP, Base64.NO_PADDING | Base64.NO_WRAP, Base64.CRLF,
                Base64.URL_SAFE | Base64.NO_WRAP, Base64.URL_SAFE | Base64.NO_PADDING};
        for (int size : sizes) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 37 + 251);
            }
            for (int flag : flags) {
                String text = Base64.encodeToString(data, flag);
                byte[] back = Base64.decode(text, flag);
                String shown = text.replace("\\r", "<CR>").replace("\\n", "<LF>");
                boolean same = java.util.Arrays.equals(back, data);
                System.out.println(size + "|" + flag + "|" + shown + "|" + same);
            }
        }
        System.out.println(new String(Base64.decode("aGVs\\nbG8 =", Base64.DEFAULT), StandardCharsets.UTF_8));
        try {
            Base64.decode("a*b", Base64.DEFAULT);
            System.out.println("accepted");
        } catch (IllegalArgumentException expected) {
            System.out.println("rejected");
        }
    }
}
"""


def expected(data: bytes, flags: int) -> str:
    """Android's encoder (frameworks/base/core/java/android/util/Base64.java): lines of 76
    characters, every line (the last too) ended by "\\n" or "\\r\\n" unless NO_WRAP."""
    text = (base64.urlsafe_b64encode if flags & 8 else base64.b64encode)(data).decode()
    if flags & 1:
        text = text.rstrip("=")
    if flags & 2 or not text:
        return text
    newline = "<CR><LF>" if flags & 4 else "<LF>"
    return "".join(text[i : i + 76] + newline for i in range(0, len(text), 76))


def test_encodings_match_android_and_decode_back(tmp_path: Path) -> None:
    (tmp_path / "Base64Probe.java").write_text(PROBE)
    classes = str(framework_classes())
    subprocess.run(
        ["javac", "-cp", classes, "-d", str(tmp_path), str(tmp_path / "Base64Probe.java")], check=True
    )
    output = subprocess.run(
        ["java", "-cp", f"{classes}:{tmp_path}", "Base64Probe"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    *cases, lenient, strict = output
    assert len(cases) == 9 * 6
    for line in cases:
        size, flags, text, round_trip = line.split("|")
        data = bytes((i * 37 + 251) % 256 for i in range(int(size)))
        assert text == expected(data, int(flags)), line
        assert round_trip == "true", line
    assert (lenient, strict) == ("hello", "rejected")
