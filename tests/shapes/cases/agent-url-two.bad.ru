# Two web addresses for one organization.
# expect: ckb:AgentShape-url <agent/openai> A person or an organization has at most one web address (schema:url), given as a link (IRI), not as text: keep one and enter it as a link.
INSERT DATA { <agent/openai> schema:url <https://www.openai.com/> }
