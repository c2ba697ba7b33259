"""Schema v8, frozen: the servitudes d'utilité publique (core/schema/sup.py)
and the indexes their links are followed by."""

INDEXES = [
    "CREATE UNIQUE INDEX sup_servitude_acte_key ON sup_servitude_acte (idsup, idacte)",
] + ["CREATE INDEX sup_generateur_%s_idsup ON sup_generateur_%s (idsup)" % (s, s)
     for s in ("surf", "lin", "pct")] + [
    "CREATE INDEX sup_assiette_%s_idgen ON sup_assiette_%s (idgen)" % (s, s)
    for s in ("surf", "lin", "pct")]
