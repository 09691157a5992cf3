# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every public method the addons add to a model is documented, and proved over RPC.

Any logged-in user, portal included, can call a public model method over JSON-RPC or
XML-RPC. This test lists, from the registry, every public method that a class of our addons
defines (overrides of the host's methods included) and compares the list with the table
*Public methods* of ``SECURITY.md`` at the root of the repository. Each row names the tests
that prove who may call the method; each such test must exist and call the method over HTTP
(`RpcCase.rpc`, `xmlrpc` or `assertRpcRefused`) as the portal user and as a salesperson.
"""
import ast
import inspect
import re
from pathlib import Path

from odoo.tests import common
from odoo.tests.common import TransactionCase

OUR_ADDONS = ('crm_customer360', 'crm_grading', 'crm_service')
ADDONS_DIR = Path(__file__).resolve().parents[2]
SECURITY_MD = ADDONS_DIR.parent / 'SECURITY.md'
TABLE_HEADING = '## Public methods'
RPC_CALLS = ('self.rpc(', 'self.xmlrpc(', 'self.assertRpcRefused(')
# Role names of rpc_case.ROLES (and of the higher addons' roles) that are salespeople.
SALES_ROLES = ("'sales'", "'sales_all'", "'colleague'", "'sales_contacts'", "'own_only'")


def public_methods(registry, addons=OUR_ADDONS):
    """``{(model, method): {addon, ...}}`` for every public function that a class of
    ``addons`` defines on a model of the registry."""
    found = {}
    for model_name, model_class in registry.models.items():
        for cls in model_class.__mro__:
            parts = cls.__module__.split('.')
            if parts[:2] != ['odoo', 'addons'] or len(parts) < 3 or parts[2] not in addons:
                continue
            for attr, value in vars(cls).items():
                if not attr.startswith('_') and inspect.isfunction(value):
                    found.setdefault((model_name, attr), set()).add(parts[2])
    return found


def documented_methods(text):
    """``{(model, method): (addon, who, [test refs])}`` from the table under TABLE_HEADING."""
    start = text.index(TABLE_HEADING)
    rows = {}
    for line in text[start:].splitlines()[1:]:
        if line.startswith('## '):
            break
        if not line.startswith('| `'):
            continue
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        model, method, addon, who, proof = (cells + [''] * 5)[:5]
        key = (model.strip('`'), method.strip('`'))
        refs = re.findall(r'`([^`]+::[^`]+)`', proof)
        rows[key] = (addon.strip('`'), who, refs)
    return rows


def proof_source(ref):
    """The source of the test function named by ``addon/tests/file.py::Class::test``."""
    path, _sep, names = ref.partition('::')
    class_name, _sep, function_name = names.partition('::')
    file = ADDONS_DIR / path
    if not file.is_file():
        return None
    source = file.read_text()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == function_name:
                    return _segment(source, item)
    return None


def _segment(source, node):
    """The source lines of ``node`` (Python 3.7 has no ast.get_source_segment)."""
    lines = source.splitlines()
    end = node.lineno
    indent = len(lines[node.lineno - 1]) - len(lines[node.lineno - 1].lstrip())
    while end < len(lines) and (not lines[end].strip() or
                                len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return '\n'.join(lines[node.lineno - 1:end])


# After the install of all the addons: at an addon's install it is not "installed" yet, and
# the check skipped its methods (Odoo's runner let an undocumented override through).
@common.at_install(False)
@common.post_install(True)
class TestSecurityApi(TransactionCase):

    def setUp(self):
        super().setUp()
        installed = self.env['ir.module.module'].search(
            [('name', 'in', OUR_ADDONS), ('state', '=', 'installed')]).mapped('name')
        self.addons = tuple(installed)
        self.assertTrue(SECURITY_MD.is_file(), 'no %s' % SECURITY_MD)
        self.documented = {key: row for key, row in documented_methods(
            SECURITY_MD.read_text()).items() if row[0] in self.addons}

    def test_every_public_method_is_documented(self):
        """The table lists exactly the public methods of the installed addons."""
        found = public_methods(self.registry, self.addons)
        missing = sorted('%s.%s (%s)' % (model, method, ', '.join(sorted(addons)))
                         for (model, method), addons in found.items()
                         if (model, method) not in self.documented)
        stale = sorted('%s.%s' % key for key in self.documented if key not in found)
        if missing or stale:
            self.fail('SECURITY.md is out of date.\nPublic methods missing from it:\n  %s\n'
                      'Methods it lists that do not exist:\n  %s' % (
                          '\n  '.join(missing) or '-', '\n  '.join(stale) or '-'))

    def test_every_public_method_is_proved_over_rpc(self):
        """Each row names tests that call the method over RPC as portal and salesperson."""
        problems = []
        for (model, method), (_addon, who, refs) in sorted(self.documented.items()):
            problems += self._proof_problems('%s.%s' % (model, method), method, who, refs)
        if problems:
            self.fail('\n'.join(problems))

    @staticmethod
    def _proof_problems(label, method, who, refs):
        """What is missing from one documented method's row and the tests it names."""
        problems = []
        if not who:
            problems.append('%s: who may call it is not said' % label)
        if not refs:
            problems.append('%s: no test named' % label)
        sources = []
        for ref in refs:
            source = proof_source(ref)
            if source is None:
                problems.append('%s: test %s not found' % (label, ref))
            else:
                sources.append(source)
        if not sources:
            return problems
        text = '\n'.join(sources)
        if "'%s'" % method not in text:
            problems.append('%s: its tests never name %r' % (label, method))
        if not any(call in text for call in RPC_CALLS):
            problems.append('%s: its tests make no RPC call' % label)
        if "'portal'" not in text:
            problems.append('%s: its tests never call as the portal user' % label)
        if not any(role in text for role in SALES_ROLES):
            problems.append('%s: its tests never call as a salesperson' % label)
        return problems
