package com.ppdemo.weather2;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;

public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        TextView forecast = new TextView(this);
        forecast.setText("Cloudy, 18°C");
        setContentView(forecast);
    }
}
