package android.location;

import android.content.Context;
import com.privacyprobe.sim.SimRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reverse geocoding. Needs no permission: it turns coordinates the app already has into an
 * address. The sim's geocoder knows one place, the profile's fix (its `address`); elsewhere it
 * answers an empty list, as Android's does for an unknown place.
 */
public final class Geocoder {
    private final Locale mLocale;

    public Geocoder(Context context) {
        this(context, Locale.getDefault());
    }

    public Geocoder(Context context, Locale locale) {
        mLocale = locale;
    }

    public static boolean isPresent() {
        return true;
    }

    @Deprecated
    public List<Address> getFromLocation(double latitude, double longitude, int maxResults) throws IOException {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("latitude == " + latitude + ", longitude == " + longitude);
        }
        List<Address> result = new ArrayList<>();
        float[] meters = new float[1];
        Location.distanceBetween(latitude, longitude, SimRuntime.profileDouble("latitude", 0),
                SimRuntime.profileDouble("longitude", 0), meters);
        if (maxResults > 0 && meters[0] < 2_000) {
            Address address = new Address(mLocale);
            address.setLatitude(latitude);
            address.setLongitude(longitude);
            address.setAddressLine(0, SimRuntime.profileValue("address", ""));
            address.setLocality(SimRuntime.profileValue("locality", ""));
            address.setCountryCode("CN");
            address.setCountryName("China");
            result.add(address);
        }
        return result;
    }

    @Deprecated
    public List<Address> getFromLocationName(String locationName, int maxResults) throws IOException {
        if (locationName == null) {
            throw new IllegalArgumentException("locationName == null");
        }
        return new ArrayList<>();
    }
}
