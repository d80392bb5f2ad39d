"""Use cases on a session, one module per idea; this file imports none of them."""
