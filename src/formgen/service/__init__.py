"""formgen as a service: an HTTP API for other systems and a page for clerks (`formgen serve`).

    >>> from formgen.service import Settings, create_app
    >>> app = create_app(Settings(max_body_bytes=1 << 20))
"""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
