# A person working for a software application.
# expect: ckb:PersonShape-worksFor <agent/camille-martin> A person works for an organization (schema:worksFor) of the knowledge base: pick the organization, or add it first.
DELETE { <agent/camille-martin> schema:worksFor ?old } INSERT { <agent/camille-martin> schema:worksFor <thing/sora> } WHERE { <agent/camille-martin> schema:worksFor ?old }
