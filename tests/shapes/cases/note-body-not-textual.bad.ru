# A comment whose body is a document, not its text.
# expect: ckb:NoteShape-textualBody <anchor/leak> A note (a comment, question, highlight, tag or reply) needs its text as a body (oa:hasBody, an oa:TextualBody): write the note.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <source/article> } WHERE { <anchor/leak> oa:hasBody ?old }
