package com.ppdemo.chat;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;

public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        TextView inbox = new TextView(this);
        inbox.setText("No messages yet");
        setContentView(inbox);
    }
}
