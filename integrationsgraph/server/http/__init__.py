"""HTTP plumbing shared by every route: the middleware stack (forwarding, security headers, body deadline,
slow readers, metrics), uvicorn's configuration, content negotiation and the one error shape."""
