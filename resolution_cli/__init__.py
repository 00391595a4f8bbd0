"""resolution-cli: United Nations resolutions as structured data (Akoma Ntoso, JSON, Markdown)."""

__version__ = "0.1.0"
