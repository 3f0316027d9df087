"""Interaction sequences scenarios share, built on `harness.scenario.ScenarioContext`: answering
the privacy dialog and runtime-permission dialogs, getting the app to its main screen, bounded
exploration of its screens, and accelerometer traces for shaking the device."""
