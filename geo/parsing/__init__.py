"""Finding places and dates in any text, offline: the geoparser, its gazetteer and rules,
and the resolver chain (``geocoders``) that turns a name into candidates.
"""
