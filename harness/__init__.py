"""privacy-probe: dynamic runtime privacy-behaviour tester for Android apps."""

__version__ = "0.1.0"
