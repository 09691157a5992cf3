# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Duplicate check on ``res.partner``: normalised keys, ``find_duplicates`` and the refusal of
a second company with the same tax number.

The screens built on top of it (form warning, smart button, review list) are in
``res_partner_duplicate_review.py``, the takeover request in ``res_partner_takeover.py``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.tools.sql import escape_psql

from ..access import require_internal_user, require_superuser

from . import partner_normalize as norm

# Score of a name contained in the other one (both long enough), e.g. "鑫北斗软件" in
# "鑫北斗软件开发".
CONTAINED_NAME_SCORE = 0.85
# Both names of a containment are at least this long.
CONTAINED_MIN_LENGTH = 4
# Longest name whose substrings are looked up as possibly contained names.
CONTAINED_MAX_LENGTH = 120
# Score added per further reason, on top of the best one.
BONUS_PER_REASON = 5
# Score below the exact hits (tax number 100 ... website 70) of a name that is the same only
# once transliterated ("Mueller" / "Müller"), reported at any threshold; for the brand (字号),
# see res_partner_duplicate_brand.py.
TRANSLITERATED_NAME_SCORE = 68


class ResPartner(models.Model):
    _inherit = 'res.partner'

    dup_name_key = fields.Char(
        'Name Key', compute='_compute_dup_keys', store=True, index=True, readonly=True,
        copy=False, help="The name without legal form, place prefix, punctuation or case.")
    dup_vat_key = fields.Char(
        'Tax Number Key', compute='_compute_dup_keys', store=True, index=True, readonly=True,
        copy=False)
    dup_phone_key = fields.Char(
        'Phone Key', compute='_compute_dup_keys', store=True, index=True, readonly=True,
        copy=False, help="The phone number in E.164 digits.")
    dup_mobile_key = fields.Char(
        'Mobile Key', compute='_compute_dup_keys', store=True, index=True, readonly=True,
        copy=False, help="The mobile number in E.164 digits.")
    dup_email_key = fields.Char(
        'E-mail Key', compute='_compute_dup_keys', store=True, index=True, readonly=True,
        copy=False)
    dup_domain_key = fields.Char(
        'Website Domain Key', compute='_compute_dup_keys', store=True, index=True,
        readonly=True, copy=False)

    @api.model_cr
    def init(self):
        """Trigram matching of names: the pg_trgm extension and a GIN index on the name key of
        the partners whose names are compared (companies and partners without a parent; the
        condition is the one of the name queries, so that the planner may use the index).
        Run by the server on install and update only."""
        require_superuser(self.env)
        super().init()
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # Replaced by the partial index below (it indexed every contact's name too).
        self.env.cr.execute("DROP INDEX IF EXISTS res_partner_dup_name_key_trgm_index")
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS res_partner_dup_company_name_key_trgm_index "
            "ON res_partner USING gin (dup_name_key gin_trgm_ops) "
            "WHERE is_company OR parent_id IS NULL")

    @api.depends('name', 'vat', 'phone', 'mobile', 'email', 'website', 'country_id')
    def _compute_dup_keys(self):
        for partner in self:
            for name, value in partner._dup_keys().items():
                partner[name] = value

    def _dup_keys(self, values=None):
        """The normalised keys of this partner, or of ``values`` (create/write-like values
        completed with this partner's own); extend to add a key."""
        vals = self._dup_values(values)
        country = self.env['res.country'].browse(vals.get('country_id') or [])
        # A local number typed without a country is read in the company's country.
        code = country.code or self._dup_default_country().code or False
        return {
            'dup_name_key': norm.normalize_name(vals.get('name')),
            'dup_vat_key': norm.normalize_vat(vals.get('vat')),
            'dup_phone_key': norm.normalize_phone(vals.get('phone'), code),
            'dup_mobile_key': norm.normalize_phone(vals.get('mobile'), code),
            'dup_email_key': norm.normalize_email(vals.get('email')),
            'dup_domain_key': norm.normalize_domain(vals.get('website')),
        }

    def _dup_values(self, values=None):
        """Identity values of this partner (if any) updated with ``values``."""
        vals = {}
        if self:
            self.ensure_one()
            vals = {name: self[name] for name in self._dup_value_fields()}
            vals['country_id'] = self.country_id.id
            vals['parent_id'] = self.parent_id.id
        for name, value in (values or {}).items():
            if name in ('country_id', 'parent_id') and isinstance(value, (list, tuple)):
                value = value[0] if value else False
            vals[name] = value
        return vals

    @api.model
    def _dup_value_fields(self):
        """Character fields the keys are made from."""
        return ['name', 'vat', 'phone', 'mobile', 'email', 'website', 'is_company']

    @api.model
    def _dup_settings(self, company=None):
        """The duplicate check settings of ``company`` (Sales > Settings), by default the
        user's current company."""
        return (company or self.env.user.company_id)._dup_settings()

    def _dup_company(self, vals=None):
        """The company whose duplicate check applies to this partner: that of ``vals``
        (create-like values), else the partner's, else the user's current company."""
        company_id = (vals or {}).get('company_id')
        if isinstance(company_id, (list, tuple)):
            company_id = company_id[0] if company_id else False
        company = self.env['res.company'].browse(company_id or []).exists()
        return company or self[:1].company_id or self.env.user.company_id

    @api.model
    def _dup_reason_scores(self):
        """Score and label of each exact match, by reason code; extend to weigh them."""
        return {
            'vat': (100, _("Same tax number")),
            'email': (80, _("Same e-mail")),
            'phone': (75, _("Same phone number")),
            'domain': (70, _("Same website domain")),
        }

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains('vat', 'email', 'phone', 'mobile', 'website', 'is_company', 'parent_id',
                    'active')
    def _check_duplicate_identity(self):
        """A company may not reuse the tax number (and, when set, the e-mail, phone or website
        domain) of another customer."""
        for partner in self.filtered('is_company'):
            settings = self._dup_settings(partner._dup_company())
            blocking = ['vat'] + [code for code in ('email', 'phone', 'domain')
                                  if settings['block_' + code]]
            keys = partner._dup_keys()
            excluded = partner._dup_excluded_ids({}) + list(
                self.env.context.get('dup_merging_partner_ids') or [])
            matches = self._dup_exact_matches(keys, partner.id, excluded)
            for code in blocking:
                hits = [cid for cid, codes in matches.items() if code in codes]
                if hits:
                    raise ValidationError(partner._dup_refusal_message(
                        code, self.sudo().browse(min(hits))))

    def _dup_refusal_message(self, code, existing):
        """The message refusing this partner because ``existing`` has the same ``code``."""
        value = {'vat': self.vat, 'email': self.email,
                 'phone': ' / '.join(filter(None, [self.phone, self.mobile])),
                 'domain': self.website}[code]
        label = {'vat': _("tax number"), 'email': _("e-mail"), 'phone': _("phone number"),
                 'domain': _("website")}[code]
        return _("The %(label)s \"%(value)s\" of %(name)s is already used by the customer "
                 "%(existing)s (salesperson: %(owner)s). Open that customer instead, or ask "
                 "its salesperson to hand it over.") % {
            'label': label, 'value': value, 'name': self.name,
            'existing': existing.display_name, 'owner': existing.user_id.name or _("none")}

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def find_duplicates(self, vals, limit=20):
        """Likely duplicates of a customer described by create-like ``vals``, for employees
        (the check warns whoever creates a partner); callable over RPC.

        :param vals: name, vat, phone, mobile, email, website, is_company, country_id,
            parent_id, company_id (whose strictness applies; default the record's or the
            user's company); with ``id`` (a partner the caller may read) the values complete that
            record's own and it is left out with its commercial entity and contacts. Refused
            (``ValidationError``) when not a dictionary of such values or when a text is longer
            than a partner may hold (see ``_dup_check_input``).
        :param limit: the most results to return, best first (1 to ``MAX_DUP_LIMIT``).
        :return: list of dicts with ``id``, ``name``, ``score`` (0-100), ``reasons``,
            ``owner`` and ``readable``; readable ones also get ``vat``, ``email``, ``phone``,
            ``city``, ``active`` and ``in_pool``. A pool customer's last reason says so.
        """
        require_internal_user(self.env)
        self._dup_check_input(vals, limit)
        record_id = vals.get('id')
        if record_id:
            # The record's own values complete the query: only for a record the caller reads.
            record = self.browse(record_id).exists()
            record.check_access_rights('read')
            record.check_access_rule('read')
        return self._dup_find(vals, limit)

    @api.model
    def _dup_find(self, vals, limit=20):
        """``find_duplicates`` without its checks, for the server's own callers (the form's
        warning and smart button), whose values come from a record."""
        record_id = vals.get('id')
        record = self.sudo().browse(record_id if isinstance(record_id, int) else [])
        record = record.exists()
        keys = record._dup_keys(vals)
        keys['phone_digits'] = record._dup_phone_digits(vals)
        excluded = record._dup_excluded_ids(vals)
        settings = self._dup_settings(record._dup_company(vals))
        reasons = self._dup_reason_scores()
        found = {}
        for cid, codes in self._dup_exact_matches(keys, record.id, excluded).items():
            found[cid] = [reasons[code] for code in sorted(codes, key=lambda c: -reasons[c][0])]
        names = self._dup_name_matches(keys['dup_name_key'], record.id, excluded,
                                       settings['threshold'], vals.get('name'))
        for cid, (score, transliterated) in names.items():
            found.setdefault(cid, []).append((score, _(
                "Same name in another spelling") if transliterated else _(
                "Similar name (%(score)d%%)") % {'score': score}))
        for cid, reason in self._dup_brand_reasons(keys['dup_name_key'], record.id, excluded,
                                                   settings['threshold']).items():
            if cid not in names:
                found.setdefault(cid, []).append(reason)
        results = []
        for cid, items in found.items():
            items.sort(key=lambda item: -item[0])
            score = min(100, items[0][0] + BONUS_PER_REASON * (len(items) - 1))
            results.append({'id': cid, 'score': score, 'reasons': [r for s, r in items]})
        results.sort(key=lambda res: (-res['score'], res['id']))
        return self._dup_describe(results[:limit] if limit else results)

    def _dup_excluded_ids(self, vals):
        """Commercial entities not to report: this partner's and its new parent's."""
        Partner = self.env['res.partner'].sudo()
        excluded = set()
        if self:
            excluded |= {self.id, self.commercial_partner_id.id}
        parent_id = self._dup_values(vals).get('parent_id')
        if parent_id:
            excluded.add(Partner.browse(parent_id).commercial_partner_id.id)
        return sorted(i for i in excluded if isinstance(i, int))

    @api.model
    def _dup_exact_matches(self, keys, record_id, excluded):
        """Commercial entities sharing an exact key, as ``{id: set(reason codes)}``.

        Any partner row counts (a contact's e-mail points to its company); one query.
        """
        phones = [k for k in (keys['dup_phone_key'], keys['dup_mobile_key']) if k]
        phones += [k for k in keys.get('phone_digits', []) if k not in phones]
        params = {'vat': keys['dup_vat_key'] or None, 'email': keys['dup_email_key'] or None,
                  'domain': keys['dup_domain_key'] or None, 'phones': phones,
                  'own': record_id or 0, 'excluded': list(excluded)}
        if not any([params['vat'], params['email'], params['domain'], phones]):
            return {}
        self.env.cr.execute("""
            SELECT COALESCE(p.commercial_partner_id, p.id),
                   bool_or(p.dup_vat_key = %(vat)s),
                   bool_or(p.dup_email_key = %(email)s),
                   bool_or(p.dup_phone_key = ANY(%(phones)s::varchar[])
                           OR p.dup_mobile_key = ANY(%(phones)s::varchar[])),
                   bool_or(p.dup_domain_key = %(domain)s)
              FROM res_partner p
             WHERE (p.dup_vat_key = %(vat)s OR p.dup_email_key = %(email)s
                    OR p.dup_phone_key = ANY(%(phones)s::varchar[])
                    OR p.dup_mobile_key = ANY(%(phones)s::varchar[])
                    OR p.dup_domain_key = %(domain)s)
               AND p.id != %(own)s
               AND COALESCE(p.commercial_partner_id, p.id) != ALL(%(excluded)s::int[])
               AND COALESCE(p.parent_id, 0) != ALL(%(excluded)s::int[])
             GROUP BY 1
        """, params)
        matches = {}
        for row in self.env.cr.fetchall():
            codes = {code for code, hit in zip(('vat', 'email', 'phone', 'domain'), row[1:])
                     if hit}
            if codes:
                matches[row[0]] = codes
        return matches

    @api.model
    def _dup_name_score_sql(self, left, right):
        """SQL expression of the name score (0-1) of two name key expressions."""
        return """GREATEST(similarity({a}, {b}), CASE
            WHEN LEAST(length({a}), length({b})) >= {shortest}
             AND 2 * LEAST(length({a}), length({b})) >= GREATEST(length({a}), length({b}))
             AND (strpos({a}, {b}) > 0 OR strpos({b}, {a}) > 0)
            THEN {contained} ELSE 0 END)""".format(a=left, b=right, contained=CONTAINED_NAME_SCORE,
                                            shortest=CONTAINED_MIN_LENGTH)

    @api.model
    def _dup_name_matches(self, name_key, record_id, excluded, threshold, name=None):
        """Commercial entities with a similar name, as ``{id: (score 0-100, transliterated)}``;
        two queries. A name equal to ``name`` only once transliterated ("Mueller" for "Müller")
        scores ``TRANSLITERATED_NAME_SCORE``, below the exact hits.

        Only rows that can reach ``threshold`` are fetched, each way through an index: a
        trigram similarity of at least the threshold (``%`` with the threshold set for this
        transaction), a name containing this one (``LIKE`` on the same trigram index) and a
        name contained in this one (its substrings looked up in the b-tree index of the key).
        The score of ``_dup_name_score_sql`` is then computed on those few rows only.
        """
        if not name_key or len(name_key) < 2:
            return {}
        self._dup_set_trigram_threshold(threshold)
        params = {'name': name_key, 'own': record_id or 0, 'excluded': list(excluded),
                  'threshold': threshold}
        # Each way is a sub-select of its own: in one WHERE ... OR ..., PostgreSQL answers the
        # equality from the trigram index too, one slow look-up per substring.
        ways = ["""SELECT id FROM res_partner WHERE dup_name_key %% %(name)s
                      AND (is_company OR parent_id IS NULL)"""]
        if CONTAINED_NAME_SCORE * 100 >= threshold and len(name_key) >= CONTAINED_MIN_LENGTH:
            ways.append("""SELECT id FROM res_partner WHERE dup_name_key LIKE %(pattern)s
                              AND (is_company OR parent_id IS NULL)""")
            params['pattern'] = '%%%s%%' % escape_psql(name_key)
            parts = self._dup_name_parts(name_key)
            if parts:
                # A join, not "= ANY(array)": the planner then costs one look-up, not each
                # substring (7 ms of planning for a 36-character name).
                ways.append("SELECT id FROM res_partner JOIN unnest(%(parts)s::varchar[]) "
                            "AS part(key) ON dup_name_key = part.key")
                params['parts'] = parts
        self.env.cr.execute("""
            SELECT id, score, name FROM (
                SELECT p.id, p.name, {score} AS score
                  FROM res_partner p
                 WHERE p.id IN ({ways})
                   AND (p.is_company OR p.parent_id IS NULL)
                   AND p.id != %(own)s
                   AND p.id != ALL(%(excluded)s::int[])
                   AND COALESCE(p.commercial_partner_id, p.id) != ALL(%(excluded)s::int[])
            ) AS scored WHERE score * 100 >= %(threshold)s
        """.format(score=self._dup_name_score_sql('p.dup_name_key', '%(name)s'),
                   ways=' UNION ALL '.join(ways)), params)
        plain = norm.normalize_name(name, transliterated=False) if name else False
        matches = {}
        for pid, score, other in self.env.cr.fetchall():
            score = int(round(score * 100))
            transliterated = bool(score == 100 and plain and norm.normalize_name(
                other, transliterated=False) != plain)
            matches[pid] = (TRANSLITERATED_NAME_SCORE, True) if transliterated else \
                (score, False)
        return matches

    @api.model
    def _dup_set_trigram_threshold(self, threshold):
        """Let ``%`` keep only names at least ``threshold`` (0-100) similar, until the end of
        the transaction (``set_limit`` would leak into the pooled connection's next use)."""
        self.env.cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                            (repr(threshold / 100.0),))

    @api.model
    def _dup_name_parts(self, name_key):
        """The substrings of ``name_key`` that may be a contained name: at least half as long
        as it and at least ``CONTAINED_MIN_LENGTH`` characters; none for a name longer than
        ``CONTAINED_MAX_LENGTH`` (the list grows with the square of the length)."""
        size = len(name_key)
        if size > CONTAINED_MAX_LENGTH:
            return []
        shortest = max(CONTAINED_MIN_LENGTH, (size + 1) // 2)
        return sorted({name_key[start:start + length]
                       for length in range(shortest, size)
                       for start in range(size - length + 1)})

    @api.model
    def _dup_describe(self, results):
        """Add name, owner and readability to scored results; readable ones get more.

        One query whatever the number of results: the candidates' key data, their owner's
        name and whether the current user's record rules let them read each candidate. A
        candidate in the public pool says so in its reasons.
        """
        ids = [res['id'] for res in results]
        if not ids:
            return results
        readable_sql, readable_params = self._dup_readable_sql(ids)
        # Concatenated, not formatted: a record rule's SQL may hold braces or percent signs.
        self.env.cr.execute("""
            SELECT p.id, p.display_name, owner.name, p.in_pool, p.active, p.vat, p.email,
                   p.phone, p.mobile, p.city, """ + readable_sql + """
              FROM res_partner p
              LEFT JOIN res_users u ON u.id = p.user_id
              LEFT JOIN res_partner owner ON owner.id = u.partner_id
             WHERE p.id = ANY(%s)""", readable_params + [ids])
        rows = {row[0]: row for row in self.env.cr.fetchall()}
        for res in results:
            (_id, name, owner, in_pool, active, vat, email, phone, mobile, city,
             readable) = rows[res['id']]
            if in_pool:
                res['reasons'].append(_("In the public pool (no salesperson)"))
            res.update(name=name, owner=owner or False, readable=bool(readable))
            if readable:
                res.update(vat=vat or False, email=email or False,
                           phone=phone or mobile or False, city=city or False,
                           active=active, in_pool=bool(in_pool))
        return results

    @api.model
    def _dup_readable_sql(self, ids):
        """SQL boolean of the partner aliased ``p`` (one of ``ids``) being readable by the
        current user, with its parameters: the access rights and record rules of a search."""
        Partner = self.with_context(active_test=False)
        if not Partner.check_access_rights('read', raise_exception=False):
            return 'FALSE', []
        query = Partner._where_calc([('id', 'in', ids)], active_test=False)
        Partner._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        return ('p.id IN (SELECT "res_partner".id FROM ' + from_clause + ' WHERE ' +
                where_clause + ')'), list(params)
