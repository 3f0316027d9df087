package com.ppdemo.mapnag;

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
 * Bad behaviour: 频繁申请权限. A map that asks for location at start, asks again a moment after
 * the user refused, and asks again on every launch. It stays usable without the permission.
 */
public class MapActivity extends Activity {
    private static final int LOCATION_REQUEST = 5;
    private final Handler handler = new Handler(Looper.getMainLooper());
    private boolean askedAgain;
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("随行地图");
        root.addView(title);
        status = new TextView(this);
        status.setText("地图加载中");
        root.addView(status);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("map", MODE_PRIVATE);
        if (prefs.getBoolean("agreed", false)) {
            askForLocation();
            return;
        }
        new AlertDialog.Builder(this)
                .setTitle("隐私政策")
                .setMessage("随行地图需要您同意《隐私政策》，以便为您提供导航服务。")
                .setCancelable(false)
                .setPositiveButton("同意并继续", (dialog, which) -> {
                    prefs.edit().putBoolean("agreed", true).apply();
                    askForLocation();
                })
                .setNegativeButton("暂不使用", (dialog, which) -> finish())
                .show();
    }

    private void askForLocation() {
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED) {
            showPosition();
            return;
        }
        requestPermissions(new String[] {Manifest.permission.ACCESS_FINE_LOCATION}, LOCATION_REQUEST);
    }

    private void showPosition() {
        LocationManager locations = (LocationManager) getSystemService(Context.LOCATION_SERVICE);
        Location fix = locations.getLastKnownLocation(LocationManager.GPS_PROVIDER);
        status.setText(fix == null ? "正在定位" : "已显示您的位置");
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
        if (requestCode != LOCATION_REQUEST) {
            return;
        }
        if (results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED) {
            showPosition();
            return;
        }
        status.setText("定位未开启，部分功能不可用");
        if (!askedAgain) {
            askedAgain = true;
            handler.postDelayed(this::askForLocation, 1500);
        }
    }
}
