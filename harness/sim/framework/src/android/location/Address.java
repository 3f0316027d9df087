package android.location;

import java.util.Locale;

/** A street address, as Geocoder answers it. */
public class Address {
    private final Locale mLocale;
    private double mLatitude;
    private double mLongitude;
    private String mLocality;
    private String mCountryName;
    private String mCountryCode;
    private String mAddressLine;

    public Address(Locale locale) {
        mLocale = locale;
    }

    public Locale getLocale() {
        return mLocale;
    }

    public double getLatitude() {
        return mLatitude;
    }

    public void setLatitude(double latitude) {
        mLatitude = latitude;
    }

    public double getLongitude() {
        return mLongitude;
    }

    public void setLongitude(double longitude) {
        mLongitude = longitude;
    }

    public String getLocality() {
        return mLocality;
    }

    public void setLocality(String locality) {
        mLocality = locality;
    }

    public String getCountryName() {
        return mCountryName;
    }

    public void setCountryName(String countryName) {
        mCountryName = countryName;
    }

    public String getCountryCode() {
        return mCountryCode;
    }

    public void setCountryCode(String countryCode) {
        mCountryCode = countryCode;
    }

    public String getAddressLine(int index) {
        return index == 0 ? mAddressLine : null;
    }

    public void setAddressLine(int index, String line) {
        if (index == 0) {
            mAddressLine = line;
        }
    }

    @Override
    public String toString() {
        return "Address[addressLines=[0:\"" + mAddressLine + "\"],locality=" + mLocality + ",countryCode="
                + mCountryCode + ",latitude=" + mLatitude + ",longitude=" + mLongitude + "]";
    }
}
