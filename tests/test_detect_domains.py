"""Registrable domains, first/third party and tracker owners."""

from __future__ import annotations

import pytest

from harness.detect.match.domains import PartyResolver, load_trackers, registrable_domain, tracker_for


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("api.x.com.cn", "x.com.cn"),
        ("a.b.umeng.com", "umeng.com"),
        ("WWW.Example.CO.UK.", "example.co.uk"),
        ("foo.appspot.com", "foo.appspot.com"),  # private suffix: the customer's own site
        ("10.0.2.2", "10.0.2.2"),
        ("localhost", "localhost"),
    ],
)
def test_registrable_domain_is_public_suffix_aware(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_first_party_by_package_labels() -> None:
    parties = PartyResolver("com.example.weather")
    assert parties.resolve("api.weather.com.cn").party == "first"
    assert parties.resolve("cdn.example.com").party == "first"
    assert parties.resolve("log.umeng.com").party == "third"
    assert parties.resolve("example.com.evil.net").party == "third"
    assert parties.resolve("192.168.1.20").party == "third"


def test_generic_package_labels_do_not_make_a_first_party() -> None:
    parties = PartyResolver("com.android.app.mobile")
    assert parties.resolve("android.com").party == "third"
    assert parties.resolve("app.com").party == "third"


def test_listed_domains_are_first_party_with_their_subdomains() -> None:
    parties = PartyResolver("com.acme.notes", ["notes-cloud.example.org", "*.cdn-notes.net"])
    assert parties.resolve("sync.notes-cloud.example.org").party == "first"
    assert parties.resolve("img.cdn-notes.net").party == "first"
    assert parties.resolve("example.org").party == "third"


def test_tracker_owner_longest_suffix_wins() -> None:
    ads = tracker_for("mobads.baidu.com")
    assert ads is not None and ads.owner == "Baidu" and "Ads" in ads.sdk
    generic = tracker_for("x.y.baidu.com")
    assert generic is not None and generic.sdk == "Baidu services"
    assert tracker_for("api.weather.com.cn") is None
    destination = PartyResolver("com.example.weather").resolve("alog.umeng.com")
    assert (destination.domain, destination.party, destination.category) == (
        "umeng.com",
        "third",
        "analytics",
    )


def test_tracker_list_is_well_formed() -> None:
    trackers = load_trackers()
    assert len(trackers) >= 100
    for domain, tracker in trackers.items():
        assert domain == domain.lower().strip(".") and "." in domain
        assert tracker.owner and tracker.sdk and tracker.category
    owners = {t.owner.split(" ")[0] for t in trackers.values()}
    for expected in (
        "Tencent",
        "Baidu",
        "Google",
        "Meta",
        "AppsFlyer",
        "Adjust",
        "AppLovin",
        "Huawei",
        "Xiaomi",
    ):
        assert expected in owners
