package e.f;

/** The app's own id cache, repackaged by R8: a getOAID that is no MSA supplier records nothing. */
public final class b {
    private final String id;

    public b(String id) {
        this.id = id;
    }

    public String getOAID() {
        return id;
    }
}
