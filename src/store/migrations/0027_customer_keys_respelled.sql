-- Company names normalize anew: more legal forms written before or after the name (AB, PAO, S.A.B.,
-- Dutch cooperatives) and "ph" read as "f". The step that follows this
-- file (src/store/customerKeys.ts) recomputes every stored name and its keys.
-- Names spelled alike are now found through the keys of their words, not by trigram similarity:
-- the trigram indexes serve no query any more and only slow every write to accounts.
DROP INDEX IF EXISTS accounts_open_name_trgm;
DROP INDEX IF EXISTS accounts_tenant_name_trgm;
