"""The resolver chain, one small module per source behind one interface (as in geopy).

curated data (``curated``) → offline gazetteer (``gazetteer``) → online geocoder with a cache
(``nominatim``), tried in that order by ``chain.ResolverChain``.
"""
