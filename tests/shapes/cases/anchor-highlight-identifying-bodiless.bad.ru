# An anchor that identifies a claim and highlights the passage, with no body: the highlight's exemption
# is for bare highlights only, so the claim is still required.
# expect: ckb:AnnotationShape-body <anchor/leak> An anchor needs a body (oa:hasBody), the resource it says something about the passage with, usually the claim: add it as a link to that resource.
# expect: ckb:NoteShape-textualBody <anchor/leak> A note (a comment, question, highlight, tag or reply) needs its text as a body (oa:hasBody, an oa:TextualBody): write the note.
INSERT DATA { <anchor/leak> oa:motivatedBy oa:highlighting } ;
DELETE WHERE { <anchor/leak> oa:hasBody ?any }
