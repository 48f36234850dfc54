# An organization's web address as text.
# expect: ckb:AgentShape-url <agent/openai> A person or an organization has at most one web address (schema:url), given as a link (IRI), not as text: keep one and enter it as a link.
DELETE { <agent/openai> schema:url ?old } INSERT { <agent/openai> schema:url "https://openai.com/" } WHERE { <agent/openai> schema:url ?old }
