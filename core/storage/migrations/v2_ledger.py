"""Schema v2, frozen: the work ledger's tables (ticket, time_entry,
deleted_feature: core/schema/ledger.py) and the indexes it looks rows up by.
Its rules are declared in core/schema/ledger.py."""

INDEXES = [
    # Time entries are looked up by ticket (forms, totals) and by year (settlement).
    "CREATE INDEX time_entry_ticket ON time_entry (ticket_uuid, work_date, minutes)",
    "CREATE INDEX time_entry_work_date ON time_entry (work_date)",
    "CREATE INDEX ticket_feature ON ticket (layer_name, feature_uuid)",
    "CREATE INDEX ticket_external_ref ON ticket (external_ref)",
    "CREATE INDEX deleted_feature_feature ON deleted_feature (layer_name, feature_uuid)",
]
