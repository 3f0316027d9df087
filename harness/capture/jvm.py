"""JVM system properties that send a JVM app's HTTP(S) through the capture proxy."""

from __future__ import annotations

from harness.capture.truststore import TrustStore


def jvm_proxy_options(host: str, port: int, truststore: TrustStore) -> list[str]:
    """`-D` options for `java`: HttpURLConnection then uses the proxy and trusts its CA.

    `http.nonProxyHosts` is set to empty on purpose: unset, the JVM bypasses the proxy for
    localhost|127.*|[::1]; any non-empty value gets those defaults appended again. Only the
    empty value makes every host go through the proxy (it applies to https too).
    """
    return [
        f"-Dhttp.proxyHost={host}",
        f"-Dhttp.proxyPort={port}",
        f"-Dhttps.proxyHost={host}",
        f"-Dhttps.proxyPort={port}",
        "-Dhttp.nonProxyHosts=",
        f"-Djavax.net.ssl.trustStore={truststore.path}",
        f"-Djavax.net.ssl.trustStoreType={truststore.store_type}",
        f"-Djavax.net.ssl.trustStorePassword={truststore.password}",
    ]
