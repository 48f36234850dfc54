"""The researchers' SPARQL endpoint (issue 5): being built."""
from flask import Blueprint

blueprint = Blueprint("sparql", __name__)
