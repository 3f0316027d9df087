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
  { api: "android.location.Location.getLatitude", kind: "data", dataType: "location" },
  { api: "android.location.Location.getLongitude", kind: "data", dataType: "location" },
];
