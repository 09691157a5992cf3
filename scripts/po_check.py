#!/usr/bin/env python3
"""Check the Simplified Chinese translations: ``python3 scripts/po_check.py [FILE.po ...]``.

Without arguments, checks every ``addons/*/i18n/zh_CN.po`` of the repository. For each file it
reports, as ``file:line: message``:

* entries without a translation (empty ``msgstr``) or marked ``fuzzy`` (Odoo and msgfmt
  ignore fuzzy translations);
* entries of the addon's template ``i18n/<addon>.pot`` missing from the ``.po`` (the template
  gained terms: merge it with ``msgmerge --update zh_CN.po <addon>.pot``);
* ``%`` placeholders that differ between ``msgid`` and ``msgstr`` (the positional ones in
  order, the named ``%(name)s`` ones as a set);
* HTML tags that differ between ``msgid`` and ``msgstr`` (only text nodes are translated);
* a header without ``Language: zh_CN``;
* whatever ``msgfmt --check`` rejects (syntax, duplicate entries, header, format strings),
  when GNU gettext's ``msgfmt`` is installed (skipped otherwise).

Exits 1 when anything is reported, 0 otherwise. Python 3 standard library only.
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# printf-style conversions as Python's % operator reads them; "%%" is a literal percent sign.
# The space flag is left out so that ordinary text such as "50% discount" is not taken for one.
PLACEHOLDER_RE = re.compile(
    r'%(?:\((?P<name>[^)]*)\))?[#0+\-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?'
    r'(?P<conv>[diouxXeEfFgGcrsa%])')
TAG_RE = re.compile(r'</?[A-Za-z][^<>]*>')

ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b',
           'f': '\f', 'v': '\v'}


class Entry(object):
    """One PO entry; ``line`` is the line of its ``msgid``, ``msgstr_line`` of its msgstr."""

    def __init__(self):
        self.line = 0
        self.msgstr_line = 0
        self.flags = set()
        self.references = []
        self.obsolete = False
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # index (0 for a singular entry) -> text

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


def unquote(text, path, lineno):
    """The value of a PO string literal ``"..."``."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError('%s:%d: malformed string %r' % (path, lineno, text))
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == '\\' and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return ''.join(out)


def parse_po(path):
    """The entries of a PO (or POT) file, the header entry (empty msgid) included."""
    entries, entry, field = [], Entry(), None

    def flush():
        if entry.msgid is not None:
            entries.append(entry)

    with open(path, encoding='utf-8') as handle:
        lines = handle.read().splitlines()
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        obsolete = line.startswith('#~')
        if obsolete:
            line = line[2:].strip()
            if line.startswith('|'):  # previous msgid of an obsolete entry
                continue
        if not line:
            flush()
            entry, field = Entry(), None
            continue
        if line.startswith('#') and not obsolete:
            if entry.msgstr:  # comment after a complete entry without a blank line
                flush()
                entry, field = Entry(), None
            if line.startswith('#,'):
                entry.flags.update(f.strip() for f in line[2:].split(',') if f.strip())
            elif line.startswith('#:'):
                entry.references.extend(line[2:].split())
            continue
        if line.startswith('"'):
            if field is None:
                raise ValueError('%s:%d: string outside of an entry' % (path, lineno))
            value = unquote(line, path, lineno)
            if field[0] == 'msgstr':
                entry.msgstr[field[1]] += value
            else:
                setattr(entry, field[0], getattr(entry, field[0]) + value)
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if not match:
            raise ValueError('%s:%d: cannot read %r' % (path, lineno, raw))
        keyword, index, literal = match.groups()
        if keyword in ('msgctxt', 'msgid') and entry.msgstr:
            flush()  # new entry without a blank line before it
            entry = Entry()
        entry.obsolete = entry.obsolete or obsolete
        value = unquote(literal, path, lineno)
        if keyword.startswith('msgstr'):
            index = int(index or 0)
            entry.msgstr[index] = value
            entry.msgstr_line = entry.msgstr_line or lineno
            field = ('msgstr', index)
        else:
            if keyword == 'msgid':
                entry.line = lineno
            setattr(entry, keyword, value)
            field = (keyword, None)
    flush()
    return entries


def placeholders(text):
    """(positional conversions in order, set of named placeholders) of ``text``."""
    positional, named = [], set()
    for match in PLACEHOLDER_RE.finditer(text):
        if match.group('conv') == '%':
            continue
        if match.group('name') is not None:
            named.add(match.group(0))
        else:
            positional.append(match.group(0))
    return positional, named


def tags(text):
    return collections.Counter(TAG_RE.findall(text))


def check_entry(entry):
    """Problems of one translated entry, as messages."""
    problems = []
    if 'fuzzy' in entry.flags:
        problems.append('fuzzy translation (not used): %r' % entry.msgid)
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural is not None else [])
    for index in sorted(entry.msgstr) or [0]:
        text = entry.msgstr.get(index, '')
        label = 'msgstr[%d]' % index if entry.msgid_plural is not None else 'msgstr'
        if not text:
            problems.append('untranslated: %r' % entry.msgid)
            continue
        if not any(placeholders(source) == placeholders(text) for source in sources):
            want, got = placeholders(sources[-1]), placeholders(text)
            problems.append('placeholders differ in %s: msgid has %s, translation has %s (%r)'
                            % (label, want[0] + sorted(want[1]), got[0] + sorted(got[1]),
                               entry.msgid))
        if not any(tags(source) == tags(text) for source in sources):
            problems.append('HTML tags differ in %s: msgid has %s, translation has %s (%r)'
                            % (label, sorted(tags(sources[-1]).elements()),
                               sorted(tags(text).elements()), entry.msgid))
    return problems


def check_file(path):
    """Problems of one zh_CN.po file, as ``path:line: message`` strings."""
    rel = os.path.relpath(path, os.getcwd())
    try:
        entries = parse_po(path)
    except (ValueError, UnicodeDecodeError) as error:
        return ['%s: cannot parse: %s' % (rel, error)]
    problems = []
    msgfmt = shutil.which('msgfmt')
    if msgfmt:
        result = subprocess.run([msgfmt, '--check', '-o', os.devnull, path],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True)
        if result.returncode:
            problems.extend('%s: msgfmt: %s' % (rel, line)
                            for line in result.stdout.splitlines() if line.strip())
    header = next((e for e in entries if e.msgid == '' and e.msgctxt is None), None)
    if header is None or not re.search(r'^Language: zh_CN$', header.msgstr.get(0, ''), re.M):
        problems.append('%s:1: header lacks "Language: zh_CN"' % rel)
    seen = set()
    for entry in entries:
        if entry.obsolete or entry.msgid == '':
            continue
        seen.add(entry.key)
        problems.extend('%s:%d: %s' % (rel, entry.line, message)
                        for message in check_entry(entry))
    i18n = os.path.dirname(path)
    template = os.path.join(i18n, os.path.basename(os.path.dirname(i18n)) + '.pot')
    if os.path.exists(template):
        try:
            terms = parse_po(template)
        except (ValueError, UnicodeDecodeError) as error:
            return problems + ['%s: cannot parse: %s' % (template, error)]
        for term in terms:
            if term.msgid and not term.obsolete and term.key not in seen:
                problems.append('%s: missing from the translation (template line %d): %r%s'
                                % (rel, term.line, term.msgid, ' (context %r)' % term.msgctxt
                                   if term.msgctxt is not None else ''))
    return problems


def main(argv):
    problems = []
    if argv[1:]:
        paths = argv[1:]
    else:
        # Every addon must ship both files: a missing translation is not a complete one.
        paths = []
        for manifest in sorted(glob.glob(os.path.join(ROOT, 'addons', '*', '__manifest__.py'))):
            addon_dir = os.path.dirname(manifest)
            addon = os.path.basename(addon_dir)
            for name in (addon + '.pot', 'zh_CN.po'):
                if not os.path.exists(os.path.join(addon_dir, 'i18n', name)):
                    problems.append('addons/%s/i18n/%s: missing' % (addon, name))
            po = os.path.join(addon_dir, 'i18n', 'zh_CN.po')
            if os.path.exists(po):
                paths.append(po)
    for path in paths:
        problems.extend(check_file(path))
    for problem in problems:
        print(problem)
    print('po_check: %d file(s), %d problem(s)' % (len(paths), len(problems)),
          file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
