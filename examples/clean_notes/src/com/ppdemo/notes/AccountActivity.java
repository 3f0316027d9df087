package com.ppdemo.notes;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

public class AccountActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("Account");
        root.addView(title);
        TextView user = new TextView(this);
        user.setText("Signed in as reader@example.com");
        root.addView(user);
        Button delete = new Button(this);
        delete.setText("Delete account");
        delete.setOnClickListener(view -> startActivity(new Intent(this, DeleteAccountActivity.class)));
        root.addView(delete);
        setContentView(root);
    }
}
