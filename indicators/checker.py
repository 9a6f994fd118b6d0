"""The catalog checker: every reason a catalog cannot be used, each with where and what.

Works on the YAML-shaped mapping (see indicators/catalogs/README.md). A question or indicator may
carry `_row` (its spreadsheet row) so that problems name the row a person must fix.
"""
from __future__ import annotations

import math
from collections import Counter

from indicators.errors import Problem

ANSWER_TYPES = ("yes_no", "graded", "choice", "percentage", "count")
PERCENTAGE_RULES = ("linear", "inverse", "bands")
ANSWERED_BY = ("city", "every_kecamatan", "every_desa_kelurahan")
DERIVATIONS = ("share_yes",)
TOLERANCE = 1e-6


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: float) -> str:
    return f"{value:g}"


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, where: str, message: str, row: int | None = None) -> None:
        location = f"{self.source}, baris {row} ({where})" if row else f"{self.source}, {where}"
        self.problems.append(Problem(location, message))

    def points(self, node: dict, where: str, row: int | None = None) -> float | None:
        value = _number(node.get("max_points"))
        if value is None:
            self.add(where, "poin maksimum harus berupa angka", row)
        elif value < 0:
            self.add(where, f"poin maksimum tidak boleh negatif ({_fmt(value)})", row)
            return None
        return value


def check_catalog(doc: dict, source: str = "katalog") -> list[Problem]:
    c = _Checker(source)
    if not isinstance(doc, dict):
        c.add("katalog", "isi katalog harus berupa pemetaan (mapping)")
        return c.problems
    if not str(doc.get("version") or "").strip():
        c.add("katalog", "versi katalog (version) wajib diisi")
    total = _number(doc.get("total_points"))
    if total is None or total <= 0:
        c.add("katalog", "total poin (total_points) harus berupa angka positif")
    _check_predikat(c, doc.get("predikat"))
    groups = doc.get("groups")
    if not isinstance(groups, list) or not groups:
        c.add("katalog", "katalog tidak memiliki grup (groups)")
        return c.problems
    data_sources = doc.get("data_sources")
    known_sources = set(data_sources) if isinstance(data_sources, dict) and data_sources else None

    group_codes: Counter[str] = Counter()
    indicator_codes: Counter[str] = Counter()
    question_codes: Counter[str] = Counter()
    group_sum = 0.0
    for g_index, g in enumerate(groups, start=1):
        if not isinstance(g, dict):
            c.add(f"grup ke-{g_index}", "grup harus berupa pemetaan")
            continue
        g_code = str(g.get("code") or "").strip()
        g_where = f"grup {g_code or f'ke-{g_index}'}"
        if not g_code:
            c.add(g_where, "kode grup wajib diisi")
        group_codes[g_code] += 1
        g_max = c.points(g, g_where)
        indicator_sum = 0.0
        for i_index, i in enumerate(g.get("indicators") or [], start=1):
            i_code = str(i.get("code") or "").strip()
            i_where = f"indikator {i_code or f'ke-{i_index} di {g_where}'}"
            i_row = i.get("_row")
            if not i_code:
                c.add(i_where, "kode indikator wajib diisi", i_row)
            indicator_codes[i_code] += 1
            i_max = c.points(i, i_where, i_row)
            indicator_sum += i_max or 0.0
            question_sum = 0.0
            questions = i.get("questions") or []
            if not questions:
                c.add(i_where, "indikator tidak memiliki pertanyaan", i_row)
            for q_index, q in enumerate(questions, start=1):
                q_code = str(q.get("code") or "").strip()
                q_row = q.get("_row")
                q_where = f"pertanyaan {q_code or f'ke-{q_index} di {i_where}'}"
                if not q_code:
                    c.add(q_where, "kode pertanyaan wajib diisi", q_row)
                question_codes[q_code] += 1
                question_sum += c.points(q, q_where, q_row) or 0.0
                _check_question(c, q, q_where, q_row, known_sources)
            if i_max is not None and abs(question_sum - i_max) > TOLERANCE:
                c.add(i_where, f"jumlah poin maksimum pertanyaannya {_fmt(question_sum)}, "
                      f"tidak sama dengan poin maksimum indikator {_fmt(i_max)}", i_row)
        if not g.get("indicators"):
            c.add(g_where, "grup tidak memiliki indikator")
        group_sum += g_max or 0.0
        if g_max is not None and abs(indicator_sum - g_max) > TOLERANCE:
            c.add(g_where, f"jumlah poin maksimum indikatornya {_fmt(indicator_sum)}, "
                  f"tidak sama dengan poin maksimum grup {_fmt(g_max)}")
    if total is not None and abs(group_sum - total) > TOLERANCE:
        c.add("katalog", f"jumlah poin maksimum grup {_fmt(group_sum)}, tidak sama dengan total "
              f"yang dinyatakan {_fmt(total)}")
    for kind, counter in (("grup", group_codes), ("indikator", indicator_codes), ("pertanyaan", question_codes)):
        for code, count in counter.items():
            if code and count > 1:
                c.add(f"{kind} {code}", f"kode {kind} '{code}' dipakai {count} kali; kode harus unik")
    return c.problems


def _check_predikat(c: _Checker, bands) -> None:
    if not isinstance(bands, list) or not bands:
        c.add("predikat", "ambang predikat (predikat) wajib diisi")
        return
    previous = None
    for index, band in enumerate(bands, start=1):
        name = str((band or {}).get("name") or (band or {}).get("code") or f"ke-{index}")
        if not (band or {}).get("code"):
            c.add(f"predikat {name}", "kode predikat wajib diisi")
        bound = _number((band or {}).get("above"))
        if bound is None:
            c.add(f"predikat {name}", "ambang (above) harus berupa angka")
            continue
        if previous is not None and bound <= previous:
            c.add(f"predikat {name}", f"ambang {_fmt(bound)} harus lebih besar dari ambang "
                  f"predikat sebelumnya ({_fmt(previous)}); ambang harus naik")
        previous = bound


def _check_question(c: _Checker, q: dict, where: str, row, known_sources) -> None:
    prompt = q.get("prompt")
    prompt_id = prompt.get("id") if isinstance(prompt, dict) else prompt
    if not str(prompt_id or "").strip():
        c.add(where, "teks pertanyaan (prompt) wajib diisi", row)
    answered_by = q.get("answered_by") or "city"
    if answered_by not in ANSWERED_BY:
        c.add(where, f"answered_by '{answered_by}' tidak dikenal; pilih salah satu: {', '.join(ANSWERED_BY)}", row)
    derivation = q.get("derivation")
    if derivation is not None and derivation not in DERIVATIONS:
        c.add(where, f"aturan turunan '{derivation}' tidak dikenal; pilih: {', '.join(DERIVATIONS)}", row)
    if answered_by in ANSWERED_BY and answered_by != "city":
        if derivation is None:
            c.add(where, f"pertanyaan yang dijawab {answered_by} wajib punya aturan turunan (derivation), "
                         f"mis. share_yes, agar jawaban kota dapat dihitung", row)
        unit_prompt = q.get("unit_prompt")
        if not str((unit_prompt.get("id") if isinstance(unit_prompt, dict) else unit_prompt) or "").strip():
            c.add(where, "pertanyaan untuk setiap kecamatan atau desa/kelurahan wajib punya pertanyaan unit "
                         "(unit_prompt; di spreadsheet kolom pertanyaan_unit), mis. 'Apakah kelurahan ini "
                         "memiliki Forum Anak?'", row)
        answer_type = q.get("answer", {}).get("type") if isinstance(q.get("answer"), dict) else None
        if derivation == "share_yes" and answer_type != "percentage":
            c.add(where, "aturan turunan share_yes menghasilkan persentase; jenis jawabannya harus percentage", row)
        elif derivation == "share_yes" and q["answer"].get("rule") not in ("linear", "bands"):
            c.add(where, "pertanyaan Kelana Dekela wajib menyebut aturannya: rule: linear (bagian unit yang menjawab "
                         "ya) atau rule: bands dengan ambang resmi (bands: [{min, share}])", row)
    elif derivation is not None:
        c.add(where, "aturan turunan hanya untuk pertanyaan yang dijawab setiap kecamatan atau desa/kelurahan "
                     "(answered_by every_kecamatan atau every_desa_kelurahan)", row)
    sources = q.get("data_sources") or []
    if not isinstance(sources, list):
        c.add(where, "sumber data harus berupa daftar", row)
    elif known_sources is not None:
        for s in sources:
            if s not in known_sources:
                c.add(where, f"sumber data '{s}' tidak ada di daftar data_sources katalog", row)
    answer = q.get("answer")
    if not isinstance(answer, dict):
        c.add(where, "jenis jawaban (answer) wajib diisi", row)
        return
    kind = answer.get("type")
    if kind not in ANSWER_TYPES:
        c.add(where, f"jenis jawaban '{kind}' tidak dikenal; pilih salah satu: {', '.join(ANSWER_TYPES)}", row)
        return
    if answer.get("plausible_change") is not None:
        change = _number(answer.get("plausible_change"))
        if kind not in ("percentage", "count"):
            c.add(where, "plausible_change hanya berlaku untuk jawaban percentage atau count", row)
        elif change is None or change <= 0:
            c.add(where, "plausible_change harus angka lebih dari 0", row)
    if kind == "choice":
        _check_options(c, answer.get("options"), where, row)
    elif kind == "graded":
        if answer.get("options") is not None:
            c.add(where, "jawaban bertingkat (graded) memakai levels, bukan options", row)
        elif answer.get("levels") is not None:
            _check_levels(c, answer.get("levels"), where, row)
    elif kind == "percentage":
        rule = answer.get("rule") or "linear"
        if rule not in PERCENTAGE_RULES:
            c.add(where, f"aturan persentase '{rule}' tidak dikenal; pilih: {', '.join(PERCENTAGE_RULES)}", row)
        elif rule == "linear":
            target = _number(answer.get("target", 100))
            if target is None or not 0 < target <= 100:
                c.add(where, "target persentase harus angka di atas 0 sampai 100", row)
        elif rule == "inverse":
            best, worst = _number(answer.get("best", 0)), _number(answer.get("worst", 100))
            if best is None or worst is None or not 0 <= best < worst <= 100:
                c.add(where, "aturan inverse butuh best < worst, keduanya 0 sampai 100", row)
        else:
            _check_bands(c, answer.get("bands"), where, row, upper=100)
    elif kind == "count":
        _check_bands(c, answer.get("bands"), where, row, upper=None)


def _check_options(c: _Checker, options, where: str, row, kind: str = "opsi") -> None:
    if not isinstance(options, list) or len(options) < 2:
        c.add(where, "pilihan (choice) butuh paling sedikit dua opsi" if kind == "opsi" else
              "jawaban bertingkat (graded) butuh paling sedikit dua tingkat", row)
        return
    codes: Counter[str] = Counter()
    for option in options:
        code = str((option or {}).get("code") or "").strip()
        codes[code] += 1
        share = _number((option or {}).get("share"))
        if not code:
            c.add(where, f"setiap {'opsi pilihan' if kind == 'opsi' else kind} butuh kode", row)
        if share is None:
            c.add(where, f"{kind} '{code}' tidak memiliki bagian poin (share)", row)
        elif not 0 <= share <= 1:
            c.add(where, f"bagian poin {kind} '{code}' harus 0 sampai 1, bukan {_fmt(share)}", row)
    for code, count in codes.items():
        if code and count > 1:
            c.add(where, f"kode {kind} '{code}' dipakai {count} kali", row)


def _check_levels(c: _Checker, levels, where: str, row) -> None:
    """Levels are options whose shares must reach from 0 (nothing yet: an honest "belum") to 1
    (the full points)."""
    _check_options(c, levels, where, row, kind="tingkat (level)")
    if not isinstance(levels, list) or len(levels) < 2:
        return
    shares = {_number((level or {}).get("share")) for level in levels}
    if 0 not in shares:
        c.add(where, "jawaban bertingkat butuh satu tingkat dengan share 0 (belum ada)", row)
    if 1 not in shares:
        c.add(where, "jawaban bertingkat butuh satu tingkat dengan share 1 (poin penuh)", row)


def _check_bands(c: _Checker, bands, where: str, row, upper: float | None) -> None:
    if not isinstance(bands, list) or not bands:
        c.add(where, "aturan pita (bands) wajib diisi: daftar {min, share}", row)
        return
    previous = None
    for band in bands:
        low, share = _number((band or {}).get("min")), _number((band or {}).get("share"))
        if low is None or share is None:
            c.add(where, "setiap pita butuh min dan share berupa angka", row)
            continue
        if not 0 <= share <= 1:
            c.add(where, f"share pita harus 0 sampai 1, bukan {_fmt(share)}", row)
        if low < 0 or (upper is not None and low > upper):
            c.add(where, f"batas pita {_fmt(low)} di luar rentang yang sah", row)
        if previous is not None and low <= previous:
            c.add(where, f"batas pita harus naik: {_fmt(low)} setelah {_fmt(previous)}", row)
        previous = low
