package org.json;

/** A malformed document, a missing key or a value of the wrong type (org.json as Android ships it). */
public class JSONException extends Exception {
    public JSONException(String message) {
        super(message);
    }

    public JSONException(String message, Throwable cause) {
        super(message, cause);
    }

    public JSONException(Throwable cause) {
        super(cause);
    }
}
