"""Built-in circle formats (TOML files beside this module)."""
