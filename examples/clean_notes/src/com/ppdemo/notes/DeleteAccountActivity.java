package com.ppdemo.notes;

import android.app.Activity;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import android.widget.Toast;

/** Account deletion in the app itself: one explanation, one confirmation. */
public class DeleteAccountActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("Delete account");
        root.addView(title);
        TextView terms = new TextView(this);
        terms.setText("Deleting your account erases your notes and your profile at once.");
        root.addView(terms);
        Button confirm = new Button(this);
        confirm.setText("Delete my account");
        confirm.setOnClickListener(view -> {
            SharedPreferences prefs = getSharedPreferences("notes", MODE_PRIVATE);
            prefs.edit().clear().apply();
            Toast.makeText(this, "Account deleted", Toast.LENGTH_SHORT).show();
            finish();
        });
        root.addView(confirm);
        Button cancel = new Button(this);
        cancel.setText("Keep my account");
        cancel.setOnClickListener(view -> finish());
        root.addView(cancel);
        setContentView(root);
    }
}
