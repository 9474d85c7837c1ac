"""Running SPARQL safely: limits, worker processes that can be killed, and content negotiation."""
