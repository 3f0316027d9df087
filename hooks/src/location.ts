import type { HookSpec } from "./hooking.js";

interface Location {
  getLatitude(): number;
  getLongitude(): number;
}

// Read while the agent guard is up, so these getter calls are not themselves recorded.
function describeLocation(result: unknown): string | null {
  if (result === null) {
    return null;
  }
  const location = result as Location;
  return `${location.getLatitude()},${location.getLongitude()}`;
}

const LOCATION_GETTERS = [
  "getLatitude",
  "getLongitude",
  "getAltitude",
  "getAccuracy",
  "getBearing",
  "getSpeed",
  "getTime",
];

export const locationHooks: readonly HookSpec[] = [
  {
    api: "android.location.LocationManager.getLastKnownLocation",
    kind: "data",
    dataType: "location",
    describeValue: describeLocation,
  },
  {
    api: "android.location.LocationManager.requestLocationUpdates",
    kind: "data",
    dataType: "location",
    describeValue: () => null,
  },
  { api: "android.location.LocationManager.requestSingleUpdate", kind: "data", dataType: "location" },
  {
    api: "android.location.LocationManager.getCurrentLocation",
    kind: "data",
    dataType: "location",
    describeValue: () => null,
  },
  // Which provider would serve a fix, not a fix: recorded, with no data type.
  { api: "android.location.LocationManager.getBestProvider", kind: "data", dataType: null },
  { api: "android.location.Geocoder.getFromLocation", kind: "data", dataType: "location" },
  ...LOCATION_GETTERS.map(
    (getter): HookSpec => ({ api: `android.location.Location.${getter}`, kind: "data", dataType: "location" }),
  ),
  // Google Play services fused location (a class up to play-services-location 20, an interface since 21).
  ...["getLastLocation", "getCurrentLocation", "requestLocationUpdates"].map(
    (method): HookSpec => ({
      api: `com.google.android.gms.location.FusedLocationProviderClient.${method}`,
      kind: "data",
      dataType: "location",
      optional: true,
      describeValue: () => null,
    }),
  ),
];
