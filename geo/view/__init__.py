"""The map view: folium objects and the assets the app serves for them. Apart from the rest,
so the core can be used with no map at all.
"""
