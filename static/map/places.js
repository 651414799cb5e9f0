/* The places layer: every visible place, drawn from the data the layer carries.
 *
 * Loaded once by the map's page (geo/view/assets.py, MAP_JS); every places layer streamlit-folium
 * swaps in (geo/view/mapview.py's places_layer) calls atlasDrawPlaces with its feature group, the
 * map, its data (layer_data) and options {selected, returned, deepest, widest}.
 *
 * When the filter shows more places than are sent one by one, the layer holds only the view's:
 * its places when few, else data.cells, the places counted per grid cell by the store
 * (geo/store/grid.py), drawn as count bubbles that zoom in on a click; the map then reports its
 * new bounds and zoom, and the server sends the finer layer for them.
 *
 * Clicks select the place in the browser at once (ring, zoom) and report its id; a selection made
 * elsewhere (a shared link, the search box, another page) arrives as data.ringed and zooms there
 * on load.
 *
 * Private fields of Leaflet.markercluster 1.5.3 (pinned, vendored) are read where the plugin has
 * no public way to say the same: the zoom a cluster stands for (_zoom), the cluster a marker is in
 * at each zoom (__parent), a cluster's child clusters (_childClusters) and whether a click came
 * from a spiderfied leg (_spiderLeg). The plugin's own click handling (_zoomOrSpiderfy) decides
 * with the same fields whether a cluster can still split.
 *
 * The click is reported through streamlit-folium's frontend (window.__GLOBAL_DATA__ and
 * window.Streamlit.setComponentValue): streamlit-folium's public returned objects name a clicked
 * layer only by its tooltip or popup text, which repeats between places and carries the kind;
 * the place's id is what the server needs.
 */
window.atlasDrawPlaces = function (group, map, data, options) {
    function pane(name, z) {
        if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; }
        return name;
    }
    pane("atlasAreas", 350); pane("atlasCircles", 380); pane("atlasLines", 420); pane("atlasRing", 640);
    var ringPane = map.getPane("atlasRing"); ringPane.style.pointerEvents = "none";
    var colours = data.colours, kinds = data.kinds, byId = {};
    data.circles.forEach(function (c) {
        L.circle([c[0], c[1]], {radius: c[2], pane: "atlasCircles", interactive: false, color: "#555", weight: 1,
            dashArray: "4 4", fillOpacity: 0.05}).addTo(group);
    });
    data.lines.forEach(function (s) {
        var kind = kinds[s.kind], css = "atlas-place atlas-place-" + s.id;
        var options = {pane: "atlasLines", color: kind[0], weight: 6, opacity: 0.9, className: css};
        var shape = s.area ? L.polygon(s.coords, Object.assign(options, {fillOpacity: 0.2}))
            : L.polyline(s.coords, options);
        // An invisible wider line under the drawn one: a finger can hit a 6 px road.
        var hit = L.polyline(s.coords, {pane: "atlasLines", weight: 22, opacity: 0, className: css + " atlas-hit"});
        [hit, shape].forEach(function (l) {
            l.atlasId = s.id;
            l.bindTooltip(s.label + " · " + kind[2], {sticky: true});
            l.on("click", function (e) { L.DomEvent.stop(e); select(shape, true); });
            l.addTo(group);
        });
        byId[s.id] = shape;
    });
    // A cluster opens to its bounds with room around them, so no member lands at the map's edge
    // or under a control; coinciding places (the plugin's own test) spread apart instead.
    // Unanimated: a deep link changes the view twice in one tick (fit, then zoom to the place), and
    // an animated split still running when the second change comes leaves the plugin drawing nothing.
    var cluster = L.markerClusterGroup({maxClusterRadius: 40, showCoverageOnHover: false, animate: false,
        spiderfyDistanceMultiplier: 1.6, zoomToBoundsOnClick: false});
    cluster.on("clusterclick", function (e) {
        var bottom = e.layer;
        while (bottom._childClusters.length === 1) { bottom = bottom._childClusters[0]; }
        if (bottom._zoom === map.getMaxZoom() && bottom.getChildCount() === e.layer.getChildCount()) { return; }
        var before = map.getZoom();
        map.fitBounds(e.layer.getBounds(), {padding: [80, 80], animate: false});
        if (map.getZoom() <= before) { map.setView(e.layer.getLatLng(), before + 1, {animate: false}); }
    });
    var markers = data.points.map(function (p) {
        var kind = kinds[p[4]], size = 2 * kind[1];
        var icon = L.divIcon({className: "atlas-dot atlas-place atlas-place-" + p[0] + " atlas-kind-" + p[4] +
                (p[9] ? "" : " atlas-uncertain"),
            iconSize: [30, 30],
            html: '<i style="width:' + size + 'px;height:' + size + 'px;background:' + kind[0] +
                ";border-color:" + colours[p[5]] + '"></i>'});
        var marker = L.marker([p[2], p[3]], {icon: icon, riseOnHover: true});
        marker.atlasId = p[0];
        marker.atlasZoom = p[6];
        marker.atlasName = p[7];
        marker.atlasRadius = kind[1];
        marker.atlasRank = kind[3];
        marker.atlasNamed = p[8];
        marker.atlasNear = p[10];
        marker.bindTooltip(p[1] + " · " + kind[2], {direction: "top", offset: [0, -12]});
        byId[p[0]] = marker;
        return marker;
    });
    cluster.addLayers(markers);
    // Grid cells: [lat, lon, places, articles, name of the most named, [[south, west], [north, east]]].
    var cells = (data.cells || []).map(function (c) {
        var size = Math.round(22 + 8 * Math.log10(c[2]));
        var bubble = L.marker([c[0], c[1]], {icon: L.divIcon({className: "atlas-cell", iconSize: [size, size],
            html: "<span>" + c[2].toLocaleString("en") + "</span>"}), riseOnHover: true});
        bubble.atlasName = c[4];
        bubble.atlasCount = c[2];
        bubble.atlasRadius = size / 2;
        bubble.bindTooltip(c[4] + (c[2] > 1 ? " and " + (c[2] - 1).toLocaleString("en") + " more places" : "")
            + " · " + c[3].toLocaleString("en") + (c[3] === 1 ? " article" : " articles"),
            {direction: "top", offset: [0, -size / 2]});
        bubble.on("click", function (e) {
            L.DomEvent.stop(e);
            var before = map.getZoom();
            map.fitBounds(c[5], {padding: [80, 80], maxZoom: options.deepest, animate: false});
            if (map.getZoom() <= before) { map.setView([c[0], c[1]], before + 1, {animate: false}); }
        });
        bubble.addTo(group);
        return bubble;
    });
    cluster.on("click", function (e) { select(e.layer, !e.layer._spiderLeg); });
    group.addLayer(cluster);

    function ring(layer) {
        if (window.atlasRing) { window.atlasRing.remove(); window.atlasRing = null; }
        if (!layer) { return; }
        window.atlasRing = layer.atlasArea
            ? L.polygon(layer.getLatLngs(), {pane: "atlasCircles", interactive: false, fill: false,
                color: options.selected, weight: 4, opacity: 0.9})
            : layer.getLatLng
            ? L.marker(layer.getLatLng(), {pane: "atlasRing", interactive: false, keyboard: false,
                icon: L.divIcon({className: "atlas-ring", iconSize: [34, 34]})})
            : L.polyline(layer.getLatLngs(), {pane: "atlasCircles", interactive: false,
                color: options.selected, weight: 16, opacity: 0.45});
        window.atlasRing.addTo(map);
    }
    function zoomTo(layer, done) {
        if (layer.getBounds) {
            map.fitBounds(layer.getBounds(),
                {paddingTopLeft: [40, 40], paddingBottomRight: [drawer(), 40], maxZoom: 12, animate: false});
            done();
            return;
        }
        // Deep enough for the place's own precision and for its cluster to have split (a cluster's
        // zoom is the last at which it holds the place); places that coincide even at the deepest
        // zoom spread apart there instead.
        // Never deeper than a town's scale for the split alone: past it, its cluster spreads apart.
        var split = layer.__parent ? layer.__parent._zoom + 1 : 0;
        var wanted = Math.min(Math.max(layer.atlasZoom, split), options.deepest);
        var target = Math.min(Math.max(wanted, map.getZoom()), map.getMaxZoom());
        // A place known only to within tens of kilometres or more (a region beside its capital, a
        // sea) shows at its own zoom, its precision circle in view; its cluster spreads apart there.
        if (layer.atlasZoom <= options.widest) { target = layer.atlasZoom; }
        if (layer.atlasNear) {  // a deposit or a site: with the town beside it
            map.fitBounds(L.latLngBounds([layer.getLatLng(), layer.atlasNear]), {paddingTopLeft: [80, 80],
                paddingBottomRight: [drawer() + 40, 80], maxZoom: options.deepest, animate: false});
        } else {
            map.setView(layer.getLatLng(), target, {animate: false});
            map.panBy([(drawer() - 40) / 2, 0], {animate: false});  // the middle of what the drawer leaves
        }
        var shown = cluster.getVisibleParent(layer);
        if (shown && shown !== layer) {
            cluster.once("spiderfied", done);
            shown.spiderfy();
        } else {
            done();
        }
    }
    function report(id) {
        queueMicrotask(function () {
            var state = window.__GLOBAL_DATA__;
            if (!state || !window.Streamlit) { return; }
            state.last_object_clicked_tooltip = id;
            state.last_object_clicked_count = (state.last_object_clicked_count || 0) + 1;
            // The view as streamlit-folium reports it after a move (its own state keeps none), so a
            // click does not read as a map with no view, and the move's own report is not sent again.
            var view = {bounds: map.getBounds(), zoom: map.getZoom(), center: map.getCenter()}, value = {};
            options.returned.forEach(function (key) { value[key] = key in view ? view[key] : state[key]; });
            state.previous_data = value;
            window.Streamlit.setComponentValue(value);
        });
    }
    function select(layer, zoom) {
        ring(layer);
        if (zoom) { zoomTo(layer, function () { ring(layer); }); }
        report(layer.atlasId);
    }
    // Names beside what is drawn, dots and clusters (by the member most articles name, a city
    // before a deposit among equals): the largest first, each at the first of four
    // spots (right, left, above, below) that overlaps no dot and no name placed before it; a name
    // that finds none is left to its tooltip. Rebuilt whenever the view or the clusters change.
    pane("atlasNames", 630);
    map.getPane("atlasNames").style.pointerEvents = "none";
    if (window.atlasNamesOff) { window.atlasNamesOff(); }
    var names = L.layerGroup().addTo(map), measure = document.createElement("canvas").getContext("2d");
    measure.font = "600 11px system-ui, sans-serif";
    function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
    function placeNames() {
        names.clearLayers();
        var size = map.getSize(), placed = [];
        var boxes = drawer() > 40 ? [[size.x - drawer(), 0, size.x, size.y]] : [];  // under the drawer
        // What is drawn: a dot on its own, or a cluster, named by its largest member and a count.
        var drawn = [], seen = new Set();
        markers.forEach(function (m) {
            var shown = cluster.getVisibleParent(m);
            if (!shown || seen.has(shown)) { return; }
            seen.add(shown);
            if (shown === m) {
                if (m.getElement()) {
                    drawn.push({at: m.getLatLng(), name: m.atlasName, radius: m.atlasRadius, rank: m.atlasRadius});
                }
                return;
            }
            var members = shown.getAllChildMarkers().slice().sort(function (a, b) {
                return (b.atlasNamed - a.atlasNamed) || (a.atlasRank - b.atlasRank);
            });
            drawn.push({at: shown.getLatLng(), name: members[0].atlasName + " +" + (members.length - 1), radius: 20,
                rank: members[0].atlasRadius + members.length});
        });
        var view = map.getBounds();
        cells.forEach(function (c) {
            if (!view.contains(c.getLatLng())) { return; }
            drawn.push({at: c.getLatLng(), name: c.atlasName + (c.atlasCount > 1 ? " +" + (c.atlasCount - 1) : ""),
                radius: c.atlasRadius, rank: c.atlasRadius + c.atlasCount});
        });
        drawn.sort(function (a, b) { return b.rank - a.rank; });
        var at = drawn.map(function (d) {
            var p = map.latLngToContainerPoint(d.at), r = d.radius + 2;
            boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
            return p;
        });
        drawn.forEach(function (m, i) {
            var p = at[i], text = document.createElement("span");
            text.innerHTML = m.name;  // escaped by the server: this only decodes it
            var w = Math.ceil(measure.measureText(text.textContent).width) + 4, h = 15, gap = m.radius + 4;
            var spots = [[gap, -h / 2], [-gap - w, -h / 2], [-w / 2, -gap - h], [-w / 2, gap]];
            for (var k = 0; k < spots.length; k++) {
                var box = [p.x + spots[k][0], p.y + spots[k][1], p.x + spots[k][0] + w, p.y + spots[k][1] + h];
                if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) { continue; }
                if (boxes.some(function (b) { return overlaps(box, b); })) { continue; }
                boxes.push(box);
                placed.push(box);
                L.marker(m.at, {pane: "atlasNames", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "atlas-name", html: text.outerHTML, iconSize: [w, h],
                        iconAnchor: [-spots[k][0], -spots[k][1]]})}).addTo(names);
                break;
            }
        });
        window.atlasNameBoxes = placed;
        map.fire("atlasnames");
    }
    // Deferred: the clustering redraws on the same events, and the names follow what it drew.
    function later() { setTimeout(placeNames, 0); }
    map.on("zoomend moveend resize", later);
    cluster.on("animationend spiderfied unspiderfied", later);
    window.atlasNamesOff = function () {
        map.off("zoomend moveend resize", later);
        names.remove();
    };

    window.atlasPlaces = {map: map, cluster: cluster, byId: byId, select: select, names: names, cells: cells};

    if (window.atlasLegend) { window.atlasLegend.remove(); }
    window.atlasLegend = L.control({position: "bottomleft"});
    window.atlasLegend.onAdd = function () {
        var box = L.DomUtil.create("details", "atlas-legend");
        box.innerHTML = data.legend;
        box.open = false;  // folded: open, it would cover places
        L.DomEvent.disableClickPropagation(box);
        return box;
    };
    window.atlasLegend.addTo(map);
    if (window.atlasAll) { window.atlasAll.remove(); }
    window.atlasAll = L.control({position: "topleft"});
    window.atlasAll.onAdd = function () {
        var button = L.DomUtil.create("button", "atlas-all");
        button.type = "button";
        button.textContent = "All places";
        button.title = "Show all places";
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", function () { if (data.bounds) { fit(); } });
        return button;
    };
    window.atlasAll.addTo(map);
    // Room on the right for the reading drawer over a wide map (pages/0_Map.py's layout).
    function drawer() { return map.getSize().x > 700 ? Math.min(440, map.getSize().x * 0.45) : 40; }
    function fit() {
        map.fitBounds(data.bounds,
            {paddingTopLeft: [60, 40], paddingBottomRight: [drawer(), 40], maxZoom: 9, animate: false});
    }

    // Areas, shaded by how many shown articles name them, under everything else. Their outlines
    // ship with the basemap and are fetched once a page; the layer names each by its key. A
    // selection of an area from elsewhere waits for its outline.
    function drawAreas(outlines) {
        data.areas.forEach(function (a) {
            var geometry = outlines[a[2]];
            if (!geometry) { return; }
            var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
            var shape = L.polygon(polygons.map(function (polygon) {
                return polygon.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); });
            }), {pane: "atlasAreas", color: "#54278f", weight: 1, fillColor: a[3], fillOpacity: a[5] ? 0.55 : 0.2,
                dashArray: a[5] ? null : "4 4", className: "atlas-place atlas-area atlas-place-" + a[0]});
            shape.atlasId = a[0];
            shape.atlasArea = true;
            shape.bindTooltip(a[1] + " · " + a[4] + (a[4] === 1 ? " article" : " articles"), {sticky: true});
            shape.on("click", function (e) { L.DomEvent.stop(e); select(shape, true); });
            shape.addTo(group);
            byId[a[0]] = shape;
        });
        if (data.ringed && byId[data.ringed] && byId[data.ringed].atlasArea
                && window.atlasZoomedFor !== data.key + "/" + data.ringed) {
            window.atlasZoomedFor = data.key + "/" + data.ringed;
            var chosen = byId[data.ringed];
            ring(chosen);
            zoomTo(chosen, function () { ring(chosen); });
        }
    }
    if (data.areas.length) {
        if (!window.atlasOutlines) {
            window.atlasOutlines = fetch(data.areasUrl).then(function (r) { return r.json(); }).then(function (d) {
                var byKey = {};
                d.features.forEach(function (f) { byKey[f.properties.k] = f.geometry; });
                return byKey;
            });
        }
        // After the opening fit below, even when the outlines are loaded already.
        window.atlasOutlines.then(function (outlines) { setTimeout(function () { drawAreas(outlines); }, 0); });
    }

    // The group joins the map after this script: act once it has.
    setTimeout(function () {
        var chosen = data.ringed && byId[data.ringed];
        var fresh = window.atlasFitKey !== data.key;
        window.atlasFitKey = data.key;
        if (chosen && window.atlasZoomedFor !== data.key + "/" + data.ringed) {
            window.atlasZoomedFor = data.key + "/" + data.ringed;
            if (fresh && data.bounds) { fit(); }
            ring(chosen);
            zoomTo(chosen, function () { ring(chosen); });
        } else {
            if (fresh && data.bounds) { fit(); }
            ring(chosen || null);
        }
        later();
    }, 0);
};
