# A comment with no body: only a highlight may say nothing.
# expect: ckb:AnnotationShape-body <anchor/leak> An anchor needs a body (oa:hasBody), the resource it says something about the passage with, usually the claim: add it as a link to that resource.
# expect: ckb:NoteShape-textualBody <anchor/leak> A note (a comment, question, highlight, tag or reply) needs its text as a body (oa:hasBody, an oa:TextualBody): write the note.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE WHERE { <anchor/leak> oa:hasBody ?any }
