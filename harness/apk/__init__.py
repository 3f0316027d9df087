"""Static reading of APK files: the manifest, the SDKs in the dex, the URLs in the code."""
