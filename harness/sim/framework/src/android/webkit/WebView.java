package android.webkit;

import android.content.Context;
import android.view.View;
import android.view.ViewGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebView whose page reaches uiautomator the way Chrome's accessibility tree does: an
 * android.webkit.WebView node holding one android.view.View for the document, and under it one
 * node per block of text (h1-h6, p, li, div), links as clickable android.view.View nodes,
 * role="button" links as android.widget.Button (see WebNode). A paragraph that holds links is a
 * container of its text runs and links, as Chrome splits it. Tapping a link asks the app's
 * WebViewClient.shouldOverrideUrlLoading first, as a real WebView does; there is no network, so
 * a URL the app does not handle goes nowhere. Only pages given as data (loadData,
 * loadDataWithBaseURL) are rendered; their markup is read with a small tag scanner, which is
 * enough for the policy pages and consent forms apps ship.
 */
public class WebView extends ViewGroup {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ROLE_BUTTON = Pattern.compile("role\\s*=\\s*\"button\"");
    private static final int MAX_PAGE_CHARS = 200_000;

    private WebViewClient mClient;
    private String mUrl;

    public WebView(Context context) {
        super(context);
    }

    public void setWebViewClient(WebViewClient client) {
        mClient = client;
    }

    public String getUrl() {
        return mUrl;
    }

    public void loadData(String data, String mimeType, String encoding) {
        load("data:" + (mimeType == null ? "text/html" : mimeType), data);
    }

    public void loadDataWithBaseURL(String baseUrl, String data, String mimeType, String encoding, String historyUrl) {
        load(baseUrl == null ? "about:blank" : baseUrl, data);
    }

    public void loadUrl(String url) {
        // no network in the simulated device: the page stays as it was
        mUrl = url;
    }

    @Override
    protected void onLayout(boolean changed, int left, int top, int right, int bottom) {
        // placed by the simulated layout pass (com.privacyprobe.sim.Layout)
    }

    @Override
    public CharSequence getAccessibilityClassName() {
        return "android.webkit.WebView";
    }

    private void load(String url, String html) {
        mUrl = url;
        removeAllViews();
        WebArea document = new WebArea(getContext());
        for (View block : blocks(html == null ? "" : html.substring(0, Math.min(html.length(), MAX_PAGE_CHARS)))) {
            document.addView(block);
        }
        addView(document);
        if (mClient != null) {
            mClient.onPageFinished(this, url);
        }
    }

    /** A block being read: its text runs and links in order. */
    private static final class Block {
        final List<Object> parts = new ArrayList<>();  // String text runs, or String[] {href, text, role}
        StringBuilder text = new StringBuilder();
        String href;
        boolean button;
        StringBuilder linkText;
    }

    private List<View> blocks(String html) {
        List<View> out = new ArrayList<>();
        Block block = new Block();
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (tag.find()) {
            text(block, html.substring(at, tag.start()));
            at = tag.end();
            boolean closing = !tag.group(1).isEmpty();
            String name = tag.group(2).toLowerCase();
            if (name.equals("a")) {
                if (!closing) {
                    flushRun(block);
                    Matcher href = HREF.matcher(tag.group(3));
                    block.href = href.find() ? href.group(1) : "";
                    block.button = ROLE_BUTTON.matcher(tag.group(3)).find();
                    block.linkText = new StringBuilder();
                } else if (block.linkText != null) {
                    String label = block.linkText.toString().trim();
                    if (!label.isEmpty()) {
                        block.parts.add(new String[] {block.href, label, block.button ? "button" : "link"});
                    }
                    block.linkText = null;
                }
            } else if (name.equals("br")) {
                text(block, "\n");
            } else if (isBlock(name)) {
                emit(block, out);
                block = new Block();
            }
        }
        text(block, html.substring(at));
        emit(block, out);
        return out;
    }

    private static boolean isBlock(String name) {
        return name.matches("h[1-6]|p|li|div|ul|ol|section|article|header|footer|body|html|title|head");
    }

    private static void text(Block block, String raw) {
        String text = unescape(raw).replaceAll("[ \\t\\r\\n]+", " ");
        (block.linkText != null ? block.linkText : block.text).append(text);
    }

    private static void flushRun(Block block) {
        String run = block.text.toString().trim();
        if (!run.isEmpty()) {
            block.parts.add(run);
        }
        block.text = new StringBuilder();
    }

    private void emit(Block block, List<View> out) {
        flushRun(block);
        if (block.parts.isEmpty()) {
            return;
        }
        if (block.parts.size() == 1) {
            out.add(node(block.parts.get(0)));
            return;
        }
        WebArea paragraph = new WebArea(getContext());
        for (Object part : block.parts) {
            paragraph.addView(node(part));
        }
        out.add(paragraph);
    }

    private View node(Object part) {
        if (part instanceof String) {
            return new WebNode(getContext(), "android.view.View", (String) part);
        }
        String[] link = (String[]) part;
        WebNode node = new WebNode(getContext(), link[2].equals("button") ? "android.widget.Button" : "android.view.View",
                link[1]);
        String href = link[0];
        node.setOnClickListener(view -> {
            if (mClient == null || !mClient.shouldOverrideUrlLoading(this, href)) {
                mUrl = href;
            }
        });
        return node;
    }

    private static String unescape(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
