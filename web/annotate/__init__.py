"""The fact-checkers' forms: add a source, anchor a claim in a passage, link claims, write and publish
reviews, add notes, edit and retract, and read the history of a claim with the diff of each version.

Every write is one unit of work built by ``kb.workspace`` and committed by the facade (validated against
the shapes, attributed with PROV, one transaction). A refused write re-displays its form with status 422,
the input kept and each shape message next to its field (``forms.place``). Who may do what is
``web.auth.PERMISSIONS``. Modules: ``views`` (sources, claims, notes), ``reviews``, ``history``,
``panels`` (what the readers' claim and article pages show of this: notes, disagreements, tools).
"""
from flask import Blueprint

from web.annotate.messages import t

blueprint = Blueprint("annotate", __name__, url_prefix="/annotate")


@blueprint.app_context_processor
def helpers():
    from web.annotate import panels
    return {"t": t, "annotate_panel": panels.panel}


from web.annotate import history, reviews, users, views  # noqa: E402,F401  (routes)
