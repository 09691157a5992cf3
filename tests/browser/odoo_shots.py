"""Screenshots of the browser tests: tests/screenshots/<name>.png, cropped to the part that
matters for the documentation, and named by the scenario's language."""
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[1] / 'screenshots'

# The box (in the screenshot's pixels) around the visible elements that the selectors
# arguments[0] match, widened by arguments[1] CSS pixels and kept inside the window.
_CROP_BOX_JS = """
var box = null;
arguments[0].forEach(function (selector) {
    document.querySelectorAll(selector).forEach(function (node) {
        var r = node.getBoundingClientRect();
        if (!r.width || !r.height) { return; }
        box = box ? [Math.min(box[0], r.left), Math.min(box[1], r.top),
                     Math.max(box[2], r.right), Math.max(box[3], r.bottom)]
                  : [r.left, r.top, r.right, r.bottom];
    });
});
if (!box) { return null; }
var m = arguments[1], ratio = window.devicePixelRatio || 1;
box = [Math.max(box[0] - m, 0), Math.max(box[1] - m, 0),
       Math.min(box[2] + m, window.innerWidth), Math.min(box[3] + m, window.innerHeight)];
return box.map(function (v) { return v * ratio; });
"""


def screenshot(browser, name, crop=(), whole_page=False):
    """Save a PNG of the page as tests/screenshots/<name>.png and return its path. With
    `crop` (CSS selectors), keep only the visible box around the elements they match, with a
    margin: a picture of the part that matters, for the documentation. With `whole_page`,
    the window grows to the page's height (up to 2400 pixels) for the picture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (name if name.endswith('.png') else name + '.png')
    size = browser.get_window_size() if whole_page else None
    if size:
        chrome, height = browser.execute_script(
            'return [window.outerHeight - window.innerHeight,'
            ' document.documentElement.scrollHeight];')
        browser.set_window_size(size['width'], min(max(height + chrome, size['height']), 2400))
    try:
        browser.save_screenshot(str(path))
        box = browser.execute_script(_CROP_BOX_JS, list(crop), 12) if crop else None
    finally:
        if size:
            browser.set_window_size(size['width'], size['height'])
    if box:
        from PIL import Image  # Odoo's own requirement: in the venv of the tests
        with Image.open(str(path)) as image:
            cropped = image.crop(tuple(int(round(v)) for v in box))
        cropped.save(str(path), optimize=True)
    return path


def screenshot_in(browser, name, lang, native, **options):
    """Save the screenshot `name` of a scenario that runs in several languages: under `name`
    when it runs in its `native` language (the README shows those), else suffixed with
    `lang`, and return its path. `options` are those of `screenshot`."""
    return screenshot(browser, name if lang == native else '%s_%s' % (name, lang), **options)
