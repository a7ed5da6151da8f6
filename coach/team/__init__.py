"""The manager's team: people, their cadence targets, export and erasure."""
