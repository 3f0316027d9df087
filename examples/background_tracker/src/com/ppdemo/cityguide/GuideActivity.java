package com.ppdemo.cityguide;

import android.Manifest;
import android.app.Activity;
import android.app.AlertDialog;
import android.content.Context;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.location.Location;
import android.location.LocationManager;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 后台收集. A city guide that asks for location when it starts — fine for a map —
 * but also reads it a moment after the user has left the app.
 */
public class GuideActivity extends Activity {
    private static final int LOCATION_REQUEST = 11;
    private static final long AFTER_LEAVING_MS = 1500;
    private final Handler handler = new Handler(Looper.getMainLooper());
    private final Runnable readInBackground = this::readLocation;
    private SharedPreferences prefs;
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("城市导览");
        root.addView(title);
        status = new TextView(this);
        status.setText("附近景点加载中");
        root.addView(status);
        setContentView(root);

        prefs = getSharedPreferences("guide", MODE_PRIVATE);
        if (prefs.getBoolean("agreed", false)) {
            askForLocation();
            return;
        }
        new AlertDialog.Builder(this)
                .setTitle("隐私政策")
                .setMessage("城市导览将使用您的位置推荐附近景点，请阅读并同意《隐私政策》。")
                .setCancelable(false)
                .setPositiveButton("同意", (dialog, which) -> {
                    prefs.edit().putBoolean("agreed", true).apply();
                    askForLocation();
                })
                .setNegativeButton("不同意", (dialog, which) -> finish())
                .show();
    }

    /** Asks once; a refusal is respected on later launches. */
    private void askForLocation() {
        if (prefs.getBoolean("asked", false)
                || checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED) {
            return;
        }
        prefs.edit().putBoolean("asked", true).apply();
        requestPermissions(new String[] {Manifest.permission.ACCESS_FINE_LOCATION}, LOCATION_REQUEST);
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
        if (requestCode == LOCATION_REQUEST && results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED) {
            status.setText("已为您推荐附近景点");
        }
    }

    @Override
    protected void onStart() {
        super.onStart();
        handler.removeCallbacks(readInBackground);
    }

    @Override
    protected void onStop() {
        super.onStop();
        handler.postDelayed(readInBackground, AFTER_LEAVING_MS);
    }

    private void readLocation() {
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            return;
        }
        LocationManager locations = (LocationManager) getSystemService(Context.LOCATION_SERVICE);
        Location fix = locations.getLastKnownLocation(LocationManager.GPS_PROVIDER);
        if (fix != null) {
            status.setText("附近景点已更新");
        }
    }
}
