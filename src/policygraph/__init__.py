"""policygraph: Chinese regional-development policy documents as a validated RDF knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policygraph")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"
