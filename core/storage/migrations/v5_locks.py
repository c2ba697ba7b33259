"""Schema v5, frozen: the store's rules hold against a careless or hostile
client (REPLACE paths, whole settlements, the terms of a settled year,
categories from their code lists: core/schema/money.py). Rules only, but
for PostgreSQL's CHECK that a hosting cost is not negative."""


def step(schema=None):
    # NOT VALID: a cost recorded before keeps the store openable.
    return ["ALTER TABLE hosting_cost ADD CONSTRAINT hosting_cost_amount_not_negative "
            "CHECK (amount_ht_cents >= 0) NOT VALID"] if schema else []
