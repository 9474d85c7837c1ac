"""Text layer: normalise the PDF dump while keeping a map back to original offsets."""
