"""Framework classes real SDK code leans on, as the sim carries them (org.json here): a Java
program runs against the compiled sim framework and prints what Android's org.json prints."""

from __future__ import annotations

import subprocess
from pathlib import Path

from harness.sim.build import framework_classes, java_executable

PROGRAM = r"""
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

public class JsonProbe {
    public static void main(String[] args) throws Exception {
        JSONObject o = new JSONObject();
        o.put("imei", "864231057719348").put("n", 3).put("d", 2.0).put("f", 1.5).put("b", true);
        o.put("url", "https://a.example/x?y=1").put("gone", (Object) null);
        o.put("list", new JSONArray().put(1).put("two").put(JSONObject.NULL));
        System.out.println(o);
        JSONObject back = new JSONObject(o.toString());
        System.out.println(back.getString("imei") + " " + back.getInt("n") + " " + back.getDouble("d")
                + " " + back.getString("n") + " " + back.optString("missing", "dflt")
                + " " + back.has("gone"));
        System.out.println(new JSONObject("{\"s\":\"12\",\"t\":\"true\"}").getInt("s") + " "
                + new JSONObject("{'t':'true'}").getBoolean("t"));
        System.out.println(new JSONArray("[1,,2,]").length() + " " + back.getJSONArray("list").isNull(2));
        System.out.println(new JSONObject("{\"a\":{\"b\":[1,2]}}").toString(2));
        System.out.println(JSONObject.quote("a\"b\\c/\n\u0001"));
        try {
            back.getInt("imei_missing");
        } catch (JSONException e) {
            System.out.println(e.getMessage());
        }
        try {
            new JSONObject("{\"a\":");
        } catch (JSONException e) {
            System.out.println("syntax: " + e.getMessage().startsWith("End of input"));
        }
    }
}
"""


def test_org_json_behaves_as_android_prints_it(tmp_path: Path) -> None:
    (tmp_path / "JsonProbe.java").write_text(PROGRAM)
    framework = framework_classes()
    subprocess.run(
        ["javac", "-cp", str(framework), "-d", str(tmp_path), str(tmp_path / "JsonProbe.java")], check=True
    )
    out = subprocess.run(
        [java_executable(), "-cp", f"{framework}:{tmp_path}", "JsonProbe"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # insertion order; "/" escaped as Android's JSONStringer does; whole doubles without ".0"
    assert out[0] == (
        '{"imei":"864231057719348","n":3,"d":2,"f":1.5,"b":true,'
        '"url":"https:\\/\\/a.example\\/x?y=1","list":[1,"two",null]}'
    )
    assert out[1] == "864231057719348 3 2.0 3 dflt false"
    assert out[2] == "12 true"  # string coercions; single quotes accepted
    assert out[3] == "4 true"  # [1,,2,] → 1, null, 2, null
    assert out[4:10] == ["{", '  "a": {', '    "b": [', "      1,", "      2", "    ]"]
    assert out[12] == '"a\\"b\\\\c\\/\\n\\u0001"'
    assert out[13] == "No value for imei_missing"
    assert out[14] == "syntax: true"
