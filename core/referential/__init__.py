"""The Park's shared referentials: the communes of the EPCI, loaded from a
real source and updated in the store (referential.py), and cadastral parcel
identifiers in every accepted form (parcel_id.py).

Depends on core/storage and core/schema only.
"""
