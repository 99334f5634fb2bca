"""Programs: the definition format, loading and exporting it, publishing and enrollment."""
