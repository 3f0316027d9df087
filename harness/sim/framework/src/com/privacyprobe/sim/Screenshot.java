package com.privacyprobe.sim;

import android.graphics.drawable.ColorDrawable;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.Checkable;
import android.widget.EditText;
import android.widget.TextView;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Renders the visible window stack as boxes and text into a PNG. */
final class Screenshot {
    private static final Color DIM = new Color(0, 0, 0, 110);
    private static final Color BUTTON = new Color(0xE8, 0xEA, 0xF6);
    private static final Color ACCENT = new Color(0x1A, 0x73, 0xE8);
    private static final Color TEXT = new Color(0x20, 0x21, 0x24);

    private Screenshot() {
    }

    /** Draws the screen as it is now; on the main thread, which owns the views. */
    static BufferedImage render() {
        BufferedImage image = new BufferedImage(Screen.WIDTH, Screen.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, Screen.WIDTH, Screen.HEIGHT);
            List<SimWindow> windows = Windows.visible();
            for (SimWindow window : windows) {
                Windows.layout(window);
                if (window.kind == SimWindow.Kind.DIALOG || window.kind == SimWindow.Kind.PERMISSION) {
                    g.setColor(DIM);
                    g.fillRect(0, 0, Screen.WIDTH, Screen.HEIGHT);
                }
                g.setColor(Color.WHITE);
                g.fillRect(window.left, window.top, window.right - window.left, window.bottom - window.top);
                if (window.kind != SimWindow.Kind.ACTIVITY && window.kind != SimWindow.Kind.SYSTEM) {
                    g.setColor(Color.GRAY);
                    g.setStroke(new BasicStroke(3));
                    g.drawRect(window.left, window.top, window.right - window.left - 1, window.bottom - window.top - 1);
                }
                draw(g, window.decor);
            }
            drawStatusBar(g);
            drawToasts(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Encodes a rendered screen as PNG; off the main thread (a device's screencap never involves the app). */
    static String save(BufferedImage image, Path path) throws CommandException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new CommandException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new CommandException("cannot write " + path + ": " + e.getMessage());
        }
        return path.toString();
    }

    private static void drawStatusBar(Graphics2D g) {
        g.setColor(new Color(0x20, 0x20, 0x20));
        g.fillRect(0, 0, Screen.WIDTH, Screen.STATUS_BAR_HEIGHT);
        g.setColor(Color.WHITE);
        g.drawString("12:00", 40, 55);
        g.drawString(Foreground.packageName(), 220, 55);
    }

    private static void drawToasts(Graphics2D g) {
        int y = Screen.HEIGHT - 300;
        for (Windows.Toast toast : Windows.activeToasts()) {
            g.setColor(new Color(0x33, 0x33, 0x33));
            g.fillRoundRect(140, y, Screen.WIDTH - 280, 110, 50, 50);
            g.setColor(Color.WHITE);
            String text = toast.text.length() > 40 ? toast.text.substring(0, 40) + "…" : toast.text;
            g.drawString(text, 180, y + 68);
            y -= 140;
        }
    }

    private static void draw(Graphics2D g, View view) {
        if (view.getVisibility() != View.VISIBLE) {
            return;
        }
        int x = view.getLeft();
        int y = view.getTop();
        int w = view.getWidth();
        int h = view.getHeight();
        if (view.getBackground() instanceof ColorDrawable) {
            g.setColor(new Color(((ColorDrawable) view.getBackground()).getColor(), true));
            g.fillRect(x, y, w, h);
        }
        if (view instanceof Button && !(view instanceof Checkable)) {
            g.setColor(BUTTON);
            g.fillRoundRect(x + 10, y + 10, w - 20, h - 20, 30, 30);
            g.setColor(ACCENT);
            g.setStroke(new BasicStroke(2));
            g.drawRoundRect(x + 10, y + 10, w - 20, h - 20, 30, 30);
        } else if (view instanceof Checkable) {
            g.setColor(ACCENT);
            g.setStroke(new BasicStroke(4));
            g.drawRect(x + 20, y + h / 2 - 25, 50, 50);
            if (((Checkable) view).isChecked()) {
                g.fillRect(x + 30, y + h / 2 - 15, 30, 30);
            }
        } else if (view instanceof EditText) {
            g.setColor(ACCENT);
            g.setStroke(new BasicStroke(3));
            g.drawLine(x + 20, y + h - 20, x + w - 20, y + h - 20);
        }
        if (view instanceof TextView) {
            g.setColor(view.isEnabled() ? TEXT : Color.GRAY);
            int textLeft = x + (view instanceof Checkable ? 90 : 20);
            List<String> lines = Layout.lines(Dump.shownText(view), w);
            int lineY = y + Math.max(0, (h - lines.size() * Layout.LINE) / 2) + 45;
            for (String line : lines) {
                g.drawString(line, textLeft, lineY);
                lineY += Layout.LINE;
            }
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                draw(g, group.getChildAt(i));
            }
        }
    }
}
