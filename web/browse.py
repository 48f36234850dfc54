"""Readers' pages (a first home page; the browser is issue 4)."""
from flask import Blueprint, g, render_template

blueprint = Blueprint("browse", __name__)


@blueprint.get("/")
def home():
    counts = g.kb.select("browse/counts")[0]
    return render_template("home.html", counts={k: int(v) for k, v in counts.items()})
