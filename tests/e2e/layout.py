"""What a person sees, measured in the browser: overlapping controls and colour contrast."""

import re

# Visible controls inside `root`, each with a short name and its box; hidden radio inputs of
# Bootstrap's button groups (their labels are the buttons) and 1-pixel helpers are left out.
_CONTROL_BOXES = """(root) => Array.from(document.querySelectorAll(`${root} :is(input, select, textarea, button, label, a)`))
  .filter((el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width >= 4 && box.height >= 4 && style.visibility !== "hidden" && !el.classList.contains("btn-check");
  })
  .map((el, index) => ({
    index,
    name: `${el.tagName.toLowerCase()} ${(el.id || el.getAttribute("for") || el.name || el.textContent.trim()).slice(0, 40)}`,
    box: el.getBoundingClientRect().toJSON(),
    inside: [],
    el,
  }))
  .map((item, _i, all) => ({
    ...item,
    inside: all.filter((other) => other !== item && (item.el.contains(other.el) || other.el.contains(item.el))).map((o) => o.index),
    el: undefined,
  }))"""

# Bootstrap's button groups overlap neighbours by their 1 px border on purpose.
BORDER_TOLERANCE = 2


def overlapping_controls(page, root: str) -> list[tuple[str, str]]:
    """Pairs of visible controls under `root` whose boxes overlap (beyond shared borders)."""
    controls = page.evaluate(_CONTROL_BOXES, root)
    pairs = []
    for i, a in enumerate(controls):
        for b in controls[i + 1 :]:
            if b["index"] in a["inside"]:
                continue
            width = min(a["box"]["right"], b["box"]["right"]) - max(
                a["box"]["left"], b["box"]["left"]
            )
            height = min(a["box"]["bottom"], b["box"]["bottom"]) - max(
                a["box"]["top"], b["box"]["top"]
            )
            if width > BORDER_TOLERANCE and height > BORDER_TOLERANCE:
                pairs.append((a["name"], b["name"]))
    return pairs


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_rgb(css: str) -> tuple[float, float, float]:
    """(r, g, b) from a computed `rgb(…)`/`rgba(…)` colour."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return numbers[0], numbers[1], numbers[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two computed CSS colours (1 to 21)."""
    lighter, darker = sorted(
        (_luminance(parse_rgb(foreground)), _luminance(parse_rgb(background))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


# The text colour of an element and the first opaque background behind it.
_COLOURS = """(el) => {
  const colour = getComputedStyle(el).color;
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "transparent" && !/rgba\\(.*, 0\\)$/.test(bg)) return [colour, bg];
  }
  return [colour, "rgb(255, 255, 255)"];
}"""


def text_contrast(locator) -> float:
    """The contrast of an element's text against what is behind it, as the browser paints it."""
    foreground, background = locator.evaluate(_COLOURS)
    return contrast_ratio(foreground, background)
