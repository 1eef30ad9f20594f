"""Pure geometry and text measurement: no I/O, so it can be property-tested."""
