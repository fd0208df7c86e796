"""Personal API tokens: a user's key for the JSON API (``Authorization: Bearer …``)."""
