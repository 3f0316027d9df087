package android.webkit;

/** What an app is told about the pages its WebView loads (android.webkit.WebViewClient). */
public class WebViewClient {
    public WebViewClient() {
    }

    /** Deprecated in API 24 but still called; return true when the app handled the URL itself. */
    public boolean shouldOverrideUrlLoading(WebView view, String url) {
        return false;
    }

    public void onPageFinished(WebView view, String url) {
    }
}
