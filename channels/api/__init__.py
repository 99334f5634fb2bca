"""The creator HTTP API (`/api/v1`): API-key authentication, scopes, one module per resource."""
