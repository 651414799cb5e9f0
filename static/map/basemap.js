/* The offline basemap and the online tile layers, with a switch between them.
 *
 * Loaded once by the map's page (geo/view/assets.py, MAP_JS); geo/view/mapview.py's Basemap
 * calls atlasDrawBasemap with the map and the options only the server knows: the basemap's files,
 * OpenStreetMap's address and whether online tiles are the default (ATLAS_ONLINE).
 *
 * Countries on a blue sea, first-level borders, lakes, rivers and town labels, each from its zoom
 * on; data fetched from the app only when the layer is shown. On the first tile of an online layer
 * that fails while none has loaded, the map switches to this basemap by itself, and says so in a
 * corner.
 */
window.atlasDrawBasemap = function (map, options) {
    function pane(name, z) {
        if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; }
        return name;
    }
    // The basemap never takes a click: a canvas would otherwise catch those meant for the map.
    map.getPane(pane("atlasBase", 150)).style.pointerEvents = "none";
    map.getPane(pane("atlasBaseLines", 160)).style.pointerEvents = "none";
    map.getPane(pane("atlasLabels", 390)).style.pointerEvents = "none";
    var renderer = L.canvas({pane: "atlasBaseLines"});
    var styles = {
        countries: {pane: "atlasBase", color: "#9a9a9a", weight: 0.8, fillColor: "#f7f4ec", fillOpacity: 1},
        admin1: {renderer: renderer, color: "#b9a8c9", weight: 0.8, dashArray: "4 3"},
        lakes: {renderer: renderer, color: "#8fb5d0", weight: 0.6, fillColor: "#cfe2f0", fillOpacity: 1},
        rivers: {renderer: renderer, color: "#8fb5d0", weight: 1}
    };
    var offline = L.layerGroup();
    var parts = options.layers.map(function (spec) {
        return {url: options.base + "/" + spec[0], from: spec[1], style: styles[spec[2]],
            layer: null, loading: false};
    });
    var labels = null, shown = L.layerGroup().addTo(offline);
    function load(part) {
        part.loading = true;
        fetch(part.url).then(function (r) { return r.json(); }).then(function (data) {
            part.layer = L.geoJSON(data, {interactive: false, style: function () { return part.style; },
                filter: function (f) { return (f.properties.z || 0) <= 12; }});
            part.layer.eachLayer(function (l) { l.atlasFrom = l.feature.properties.z || 0; });
            refresh();
        });
    }
    function refresh() {
        if (!map.hasLayer(offline)) { return; }
        var zoom = map.getZoom();
        parts.forEach(function (part) {
            if (zoom < part.from) { if (part.layer) { offline.removeLayer(part.layer); } return; }
            if (!part.layer) { if (!part.loading) { load(part); } return; }
            if (!offline.hasLayer(part.layer)) { offline.addLayer(part.layer); }
            part.layer.eachLayer(function (l) {
                var want = l.atlasFrom <= zoom + 1;
                if (want && !map.hasLayer(l)) { l.addTo(map); }
                if (!want && map.hasLayer(l)) { map.removeLayer(l); }
            });
        });
        shown.clearLayers();
        if (!labels) {
            if (labels === null) {
                labels = false;
                fetch(options.labels).then(function (r) { return r.json(); })
                    .then(function (data) { labels = data.rows; refresh(); });
            }
            return;
        }
        // Towns first, then area names, each most prominent first (the rows are sorted by
        // Natural Earth's min_zoom); a label that would touch one already placed is left out,
        // so every name shown can be read.
        var bounds = map.getBounds().pad(0.1), count = 0, boxes = [];
        [0, 1].forEach(function (area) {
            if (area && zoom < 6) { return; }
            for (var i = 0; i < labels.length && count < 150; i++) {
                var row = labels[i];
                if (row[3] > zoom) { break; }
                if (row[4] !== area || !bounds.contains([row[1], row[2]])) { continue; }
                var at = map.latLngToContainerPoint([row[1], row[2]]);
                var box = [at.x + 2, at.y - 8, at.x + 8 + textWidth(row[0], area), at.y + 8];
                if (covers(box) || boxes.some(function (b) {
                    return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
                })) { continue; }
                boxes.push(box);
                count++;
                var el = document.createElement("span");
                el.textContent = row[0];
                L.marker([row[1], row[2]], {pane: "atlasLabels", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "atlas-label" + (area ? " area" : ""), html: el.outerHTML,
                        iconSize: null, iconAnchor: [-4, 6]})}).addTo(shown);
            }
        });
    }
    // A label's width in pixels, as its style draws it (italic and spaced for an area).
    var measure = document.createElement("canvas").getContext("2d");
    function textWidth(name, area) {
        measure.font = (area ? "italic " : "") + "11px system-ui, sans-serif";
        return measure.measureText(name).width + (area ? 0.44 * name.length : 0);
    }
    // The article's places name themselves (the places script); the basemap's names keep clear.
    function covers(box) {
        return (window.atlasNameBoxes || []).some(function (b) {
            return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
        });
    }
    offline.on("add", refresh);
    map.on("zoomend moveend atlasnames", refresh);
    var osm = L.tileLayer(options.osm, {attribution: options.attribution, maxZoom: 19});
    var carto = L.tileLayer("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        {attribution: "&copy; OpenStreetMap contributors &copy; CARTO", maxZoom: 19});
    var esri = L.tileLayer(
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        {attribution: "Tiles &copy; Esri, Maxar, Earthstar Geographics, and the GIS User Community", maxZoom: 19});
    // An online layer that fails before any of its tiles loaded gives way to the offline basemap,
    // whichever it was, and a corner says so once.
    var noted = false;
    [osm, carto, esri].forEach(function (layer) {
        var loaded = 0;
        layer.on("tileload", function () { loaded++; });
        layer.on("tileerror", function () {
            if (loaded || !map.hasLayer(layer)) { return; }
            map.removeLayer(layer);
            map.addLayer(offline);
            window.atlasOffline = true;
            if (noted) { return; }
            noted = true;
            var note = L.control({position: "bottomleft"});
            note.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-note");
                div.textContent = "Offline basemap: the map tiles could not be loaded";
                return div;
            };
            note.addTo(map);
        });
    });
    // Online tiles are an extra: asked for by default only with ATLAS_ONLINE, else when chosen.
    (options.online ? osm : offline).addTo(map);
    L.control.layers({"OpenStreetMap (online)": osm, "Offline (Natural Earth)": offline,
        "CartoDB light (online)": carto, "Satellite, Esri (online)": esri}, {},
        {collapsed: true, position: "topleft"}).addTo(map);  // the right side is the reading drawer's
    window.atlasBasemap = {osm: osm, offline: offline};
};
