"""The website channel: the embeddable widget, its HTTP/WebSocket endpoints and the demo page."""
