package com.ppdemo.torch;

import android.Manifest;
import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.os.Bundle;
import android.widget.LinearLayout;
import android.widget.TextView;
import android.widget.Toast;

/**
 * Bad behaviour: 不给权限不让用. A flashlight that demands the phone-state permission at start
 * and closes itself when it is refused — on every launch.
 */
public class TorchActivity extends Activity {
    private static final int PHONE_REQUEST = 3;
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("手电筒Pro");
        root.addView(title);
        status = new TextView(this);
        status.setText("正在准备…");
        root.addView(status);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("torch", MODE_PRIVATE);
        if (prefs.getBoolean("agreed", false)) {
            demandPermission();
            return;
        }
        new AlertDialog.Builder(this)
                .setTitle("用户协议与隐私政策")
                .setMessage("请阅读并同意《隐私政策》后使用手电筒Pro。")
                .setCancelable(false)
                .setPositiveButton("同意", (dialog, which) -> {
                    prefs.edit().putBoolean("agreed", true).apply();
                    demandPermission();
                })
                .setNegativeButton("不同意", (dialog, which) -> finish())
                .show();
    }

    private void demandPermission() {
        if (checkSelfPermission(Manifest.permission.READ_PHONE_STATE) == PackageManager.PERMISSION_GRANTED) {
            status.setText("手电筒已就绪");
            return;
        }
        requestPermissions(new String[] {Manifest.permission.READ_PHONE_STATE}, PHONE_REQUEST);
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
        if (requestCode != PHONE_REQUEST) {
            return;
        }
        if (results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED) {
            status.setText("手电筒已就绪");
        } else {
            Toast.makeText(this, "未授予电话权限，无法使用手电筒", Toast.LENGTH_LONG).show();
            finish();
        }
    }
}
