package com.privacyprobe.sim;

import android.view.Gravity;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.util.List;
import java.util.function.Consumer;

/** The system's runtime-permission dialog (GrantPermissionsActivity), one per permission group. */
public final class PermissionDialog {
    public enum Choice {
        ALLOW, FOREGROUND_ONLY, ONE_TIME, DENY
    }

    private static final String ID = Foreground.PERMISSION_CONTROLLER + ":id/";

    private PermissionDialog() {
    }

    public static SimWindow show(String group, List<String> permissions, Consumer<Choice> answer) {
        boolean backgroundOnly = permissions.stream().allMatch(Permissions.ACCESS_BACKGROUND_LOCATION::equals);
        boolean location = "location".equals(group) && !backgroundOnly;
        FrameLayout decor = new FrameLayout(null);
        LinearLayout column = new LinearLayout(null);
        column.setOrientation(LinearLayout.VERTICAL);
        ResourceIds.assign(column, ID + "grant_dialog");
        decor.addView(column, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
        TextView message = new TextView(null);
        ResourceIds.assign(message, ID + "permission_message");
        String question = backgroundOnly ? "access this device's location all the time" : Permissions.question(group);
        message.setText("Allow " + SimRuntime.appLabel() + " to " + question + "?");
        column.addView(message);
        if (location) {
            column.addView(button("permission_allow_foreground_only_button", "While using the app",
                    () -> answer.accept(Choice.FOREGROUND_ONLY)));
            column.addView(button("permission_allow_one_time_button", "Only this time",
                    () -> answer.accept(Choice.ONE_TIME)));
        } else {
            column.addView(button("permission_allow_button", backgroundOnly ? "Allow all the time" : "Allow",
                    () -> answer.accept(Choice.ALLOW)));
        }
        column.addView(button("permission_deny_button", "Don't allow", () -> answer.accept(Choice.DENY)));
        SimWindow window = new SimWindow(SimWindow.Kind.PERMISSION, Foreground.PERMISSION_CONTROLLER, decor, null);
        window.size(Windows.DIALOG_WIDTH, ViewGroup.LayoutParams.WRAP_CONTENT, Gravity.CENTER, 0, 0);
        window.visibleWhen(Foreground::isApp);
        window.onOutsideTap(true, null);
        window.onBack(() -> {
            answer.accept(Choice.DENY);
            return "denied permission (" + group + ")";
        });
        Windows.add(window);
        return window;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(null);
        ResourceIds.assign(button, ID + id);
        button.setText(text);
        button.setOnClickListener(v -> action.run());
        return button;
    }
}
