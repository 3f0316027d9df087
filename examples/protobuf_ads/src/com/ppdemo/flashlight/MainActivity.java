package com.ppdemo.flashlight;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;

public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        TextView light = new TextView(this);
        light.setText("Tap to switch the light on");
        setContentView(light);
    }
}
