"""Summary renderers."""
