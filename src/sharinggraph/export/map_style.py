"""The map's look: a colour and a shape per kind of body (colour is never the only cue, WCAG 1.4.1)
and the contrast every mark keeps against the page (WCAG 1.4.11 and 1.4.3: at least 3:1)."""

from __future__ import annotations

#: the map's background, label and edge colours
BACKGROUND = "#ffffff"
LABEL = "#1b1f24"
EDGE = "#5b6470"
HIGHLIGHT = "#b4006e"

#: the publishing councils' nodes, then each group of data/vocab/party-groups.ttl (by its IRI's last
#: segment), in the order the overview stacks them: colour, cytoscape node shape, shape's name in words,
#: and a Graphviz shape for the DOT drawing (the same colours as the map; Graphviz's stars, triangles and
#: pentagons grow to enclose a label, so its shapes are ones that hold a label in a line)
COUNCIL_STYLE = ("#0b3d91", "round-rectangle", "rounded square", "box")
GROUP_STYLES = {
    "police": ("#1d4ed8", "triangle", "triangle", "house"),
    "justice": ("#6d28d9", "diamond", "diamond", "invtrapezium"),
    "safeguarding": ("#be123c", "star", "star", "doubleoctagon"),
    "health": ("#047857", "ellipse", "circle", "ellipse"),
    "education": ("#a16207", "pentagon", "pentagon", "invhouse"),
    "local-government": ("#0e7490", "rectangle", "square", "tab"),
    "central-government": ("#334155", "hexagon", "hexagon", "hexagon"),
    "oversight": ("#a21caf", "octagon", "octagon", "octagon"),
    "housing": ("#4d7c0f", "tag", "tag", "cds"),
    "care-and-support": ("#c2410c", "vee", "chevron", "rarrow"),
    "companies": ("#7c4a1d", "rhomboid", "rhomboid", "parallelogram"),
    "people": ("#db2777", "round-triangle", "rounded triangle", "trapezium"),
    "unnamed": ("#57606a", "barrel", "barrel", "cylinder"),
}
_FIELDS = ("colour", "shape", "shapeName", "dotShape")


def group_style(group: str) -> dict[str, str]:
    """The colour and shapes of a node of ``group`` (``council`` for a publishing council and its services)."""
    return dict(zip(_FIELDS, COUNCIL_STYLE if group == "council" else GROUP_STYLES.get(group, GROUP_STYLES["unnamed"])))


def group_order(group: str) -> tuple[int, str]:
    """Where a group comes in a key or the overview: the councils, then GROUP_STYLES' order, then others by name."""
    order = list(GROUP_STYLES)
    return (-1 if group == "council" else order.index(group) if group in order else len(order), group)


def _channel(value: int) -> float:
    """One sRGB channel as linear light (WCAG 2 relative luminance)."""
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb``."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def style_table() -> dict:
    """The colours and shapes as the page reads them."""
    return {
        "background": BACKGROUND, "label": LABEL, "edge": EDGE, "highlight": HIGHLIGHT,
        "council": group_style("council"),
        "groups": {name: group_style(name) for name in GROUP_STYLES},
    }
