"""Languages: detecting them in text, language tags and fallback chains, message catalogues."""
