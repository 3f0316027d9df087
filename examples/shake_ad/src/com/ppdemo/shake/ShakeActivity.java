package com.ppdemo.shake;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.ActivityNotFoundException;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorEventListener;
import android.hardware.SensorManager;
import android.net.Uri;
import android.os.Bundle;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 摇一摇高灵敏度误触跳转. The "shake for a gift" ad opens the app store as soon as
 * the acceleration reading passes 13 m/s² once — a jolt or a brisk pick-up is enough.
 */
public class ShakeActivity extends Activity implements SensorEventListener {
    private static final float TRIGGER_MS2 = 13f;
    private SensorManager sensors;
    private SharedPreferences prefs;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("摇一摇有礼");
        root.addView(title);
        TextView hint = new TextView(this);
        hint.setText("摇动手机，领取惊喜好礼");
        root.addView(hint);
        setContentView(root);
        sensors = (SensorManager) getSystemService(Context.SENSOR_SERVICE);

        prefs = getSharedPreferences("shake", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("参与活动前，请阅读并同意《隐私政策》。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) -> {
                        prefs.edit().putBoolean("agreed", true).apply();
                        listen();
                    })
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        if (prefs.getBoolean("agreed", false)) {
            listen();
        }
    }

    @Override
    protected void onPause() {
        super.onPause();
        sensors.unregisterListener(this);
    }

    private void listen() {
        sensors.registerListener(this, sensors.getDefaultSensor(Sensor.TYPE_ACCELEROMETER),
                SensorManager.SENSOR_DELAY_GAME);
    }

    @Override
    public void onSensorChanged(SensorEvent event) {
        float x = event.values[0];
        float y = event.values[1];
        float z = event.values[2];
        if (Math.sqrt(x * x + y * y + z * z) > TRIGGER_MS2) {
            sensors.unregisterListener(this);
            try {
                startActivity(new Intent(Intent.ACTION_VIEW, Uri.parse("market://details?id=com.ppdemo.partner")));
            } catch (ActivityNotFoundException e) {
                listen();
            }
        }
    }

    @Override
    public void onAccuracyChanged(Sensor sensor, int accuracy) {
    }
}
