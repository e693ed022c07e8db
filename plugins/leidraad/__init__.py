"""leidraad: content model, validation and page generation for teacher-guidance sites."""

__version__ = "0.1.0"
