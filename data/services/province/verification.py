"""The province's administrative verification, the third reading beside self-assessed and verified.

The window: a verifier of the province (or the admin) works on a kab/kota's cycle between the
city's close and its publication, and until the province declares its verification finished; an
open cycle (its drafts and their evidence) and a published one are out of its reach. Within it the
verifier goes through the city's verified answers, sets province points where they differ (with a
reason, within the question's maximum), confirms the others (one by one, or at once those whose
required evidence is present), and returns a question to the city with a reason and a date by
which the city answers (data.services.province.returns is the city's side of that round trip; the
answer it sends back is checked again here). The province never changes the city's verified
points itself. Every change is audited; scores on basis "province" take the province's points
where set (indicators.scoring)."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import PROVINCE_ROLE, PROVINCE_VERIFIERS, REGION_READERS, require_current_account, require_role
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.lookups import cycle_catalog, find_cycle, find_region
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit, utc_now
from data.services.scoring.scores import score_cycles
from indicators import clock
from indicators import text as fmt
from indicators.answers import answer_value, display_value
from indicators.scoring import ALL_BASES
from indicators.verification import POINTS_TOLERANCE, province_points_problem, province_return_problems
from indicators.workflow import CYCLE_CLOSED, VERIFIED, reason_problem

NOT_A_VERIFIER = "Hanya verifikator provinsi (atau admin) yang dapat memverifikasi secara administrasi."
QUEUE_COLUMNS = ["answer_id", "question_code", "indicator_code", "prompt_id", "group_code", "unit_short_name",
                 "unit_name", "answer", "evidence_required", "evidence_count", "max_points", "self_points",
                 "verified_points", "verified_reason", "province_points", "province_reason", "province_return_reason",
                 "province_return_due", "province_return_strict", "province_fix_note", "province_fix_late",
                 "province_returns", "province_fixes", "province_rechecks", "province_state", "evidence"]
STATES = {"open": "belum diperiksa", "confirmed": "sesuai", "lowered": "diturunkan", "raised": "dinaikkan",
          "returned": "dikembalikan ke kota", "answered": "dijawab kota, periksa ulang"}
OUTSTANDING = ("returned", "answered")
"""States in which a return is not settled yet: the city owes an answer, or the province a re-check."""


def _province_region(session: Session, actor: SignedInUser, region_code: str) -> Region:
    region = find_region(session, region_code)
    if actor.role == PROVINCE_ROLE and region.province_code != actor.province_code:
        raise PermissionDenied(f"{region.name} bukan kabupaten/kota provinsi Anda.")
    return region


def window_problem(cycle: EvaluationCycle, region_name: str, changing: bool) -> str | None:
    """Why the province's verification may not read (or, `changing`, change) the cycle now."""
    if cycle.status != CYCLE_CLOSED:
        return (f"Siklus {cycle.year} {region_name} belum ditutup Gugus Tugas kota; verifikasi administrasi "
                "provinsi dimulai setelah siklus ditutup (draf siklus yang masih terbuka bukan bagiannya).")
    if cycle.published:
        return (f"Siklus {cycle.year} {region_name} sudah dipublikasikan; verifikasi administrasi provinsi "
                "berlangsung antara penutupan siklus dan publikasinya, jadi tidak ada lagi yang dapat diperiksa.")
    if changing and cycle.province_done_at is not None:
        return (f"Verifikasi provinsi siklus {cycle.year} {region_name} sudah dinyatakan selesai "
                f"({fmt.long_date(cycle.province_done_at)}); tidak ada lagi yang dapat diubah.")
    return None


def _window_cycle(session: Session, region: Region, year: int, changing: bool = False) -> EvaluationCycle:
    cycle = find_cycle(session, region, int(year))
    problem = window_problem(cycle, region.name, changing)
    if problem:
        raise InvalidInput([problem])
    return cycle


def in_province_window(session: Session, answer: Answer) -> bool:
    """Whether the province's verification reads this answer (and its evidence) now: a verified
    answer of a city unit in a closed, unpublished cycle."""
    cycle = session.get(EvaluationCycle, answer.cycle_id)
    unit = session.get(ReportingUnit, answer.reporting_unit_id)
    return (cycle is not None and unit is not None and window_problem(cycle, "", changing=False) is None
            and answer.status == VERIFIED and unit.kind == CITY_UNIT_KIND)


def province_started(session: Session, cycle: EvaluationCycle) -> bool:
    """Whether the province has read any answer of the cycle (its verification is under way until done)."""
    return session.scalar(select(Answer.id).where(Answer.cycle_id == cycle.id, Answer.province_at.is_not(None))
                          .limit(1)) is not None


def verification_under_way(session: Session, cycle: EvaluationCycle) -> str | None:
    """Why the city may not publish or reopen the cycle now: the province is verifying it."""
    if cycle.province_done_at is None and province_started(session, cycle):
        return (f"Provinsi sedang memverifikasi siklus {cycle.year} secara administrasi dan belum menyatakannya "
                "selesai. Jawaban yang dikembalikan provinsi diperbaiki di halaman 'Dikembalikan provinsi' tanpa "
                "membuka kembali siklus; publikasikan setelah provinsi menyatakan verifikasinya selesai.")
    return None


def province_state(answer: Answer) -> str:
    if answer.province_return_reason:
        return "answered" if answer.province_fixed_at is not None else "returned"
    if answer.province_points is None:
        return "open"
    difference = answer.province_points - (answer.verified_points or 0)
    if abs(difference) <= POINTS_TOLERANCE:
        return "confirmed"
    return "lowered" if difference < 0 else "raised"


def _reading(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    catalog = cycle_catalog(session, cycle)
    order = {q.code: position for position, q in enumerate(catalog.questions)}
    files: dict[int, list[dict]] = {}
    for file in session.scalars(select(EvidenceFile).join(Answer, EvidenceFile.answer_id == Answer.id)
                                .where(Answer.cycle_id == cycle.id, EvidenceFile.superseded.is_(False))
                                .order_by(EvidenceFile.id)):
        files.setdefault(file.answer_id, []).append({"id": file.id, "filename": file.filename})
    rows = []
    for answer, code, short_name, unit_name in session.execute(
            select(Answer, Question.code, ReportingUnit.short_name, ReportingUnit.name)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.region_id == cycle.region_id, Answer.cycle_id == cycle.id, Answer.status == VERIFIED,
                   ReportingUnit.kind == CITY_UNIT_KIND)
            .order_by(ReportingUnit.short_name)):
        question = catalog.question(code)
        rows.append({
            "answer_id": answer.id, "question_code": code, "indicator_code": question.indicator_code,
            "prompt_id": question.prompt.id,
            "group_code": question.group_code, "unit_short_name": short_name, "unit_name": unit_name,
            "answer": display_value(question, answer_value(answer)), "evidence_required": question.evidence_required,
            "evidence_count": len(files.get(answer.id, [])), "max_points": float(question.max_points),
            "self_points": answer.self_points, "verified_points": answer.verified_points,
            "verified_reason": answer.verified_reason or "", "province_points": answer.province_points,
            "province_reason": answer.province_reason or "",
            "province_return_reason": answer.province_return_reason or "",
            "province_return_due": answer.province_return_due, "province_return_strict": answer.province_return_strict,
            "province_fix_note": answer.province_fix_note or "", "province_fix_late": answer.province_fix_late,
            "province_returns": answer.province_returns, "province_fixes": answer.province_fixes,
            "province_rechecks": answer.province_rechecks,
            "province_state": province_state(answer), "evidence": files.get(answer.id, [])})
    frame = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    return frame.sort_values("question_code", key=lambda codes: codes.map(order), kind="stable", ignore_index=True)


def province_queue(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> pd.DataFrame:
    """The city's verified answers of a cycle in the province's window with its reading so far, in
    instrument order (QUEUE_COLUMNS)."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = _province_region(session, actor, region_code)
        return _reading(session, _window_cycle(session, region, year))


def needs_evidence_missing(queue: pd.DataFrame) -> pd.Series:
    """Rows whose question asks for evidence and has none attached."""
    return queue["evidence_required"] & (queue["evidence_count"] == 0)


def queue_filter(queue: pd.DataFrame, evidence: str = "all", unchecked_only: bool = False,
                 indicator: str | None = None, unit: str | None = None) -> pd.DataFrame:
    """The rows a verifier asks for: `evidence` "missing" (required and absent), "present" (required
    and attached) or "all"; only those not yet checked (open, or answered by the city); one
    indicator; one OPD (short name)."""
    keep = pd.Series(True, index=queue.index)
    if evidence == "missing":
        keep &= needs_evidence_missing(queue)
    elif evidence == "present":
        keep &= queue["evidence_required"] & (queue["evidence_count"] > 0)
    if unchecked_only:
        keep &= queue["province_state"].isin(("open", "answered"))
    if indicator:
        keep &= queue["indicator_code"] == indicator
    if unit:
        keep &= queue["unit_short_name"] == unit
    return queue[keep].reset_index(drop=True)


def next_unchecked(queue: pd.DataFrame, after: int | None = None) -> int | None:
    """The answer to read next: the first not yet checked after `after` in queue order, else from
    the top (never `after` itself, just decided); None when no other answer is left unchecked."""
    unchecked = queue[queue["province_state"].isin(("open", "answered")) & (queue["answer_id"] != after)]
    if unchecked.empty:
        return None
    if after is not None and after in set(queue["answer_id"]):
        position = int(queue.index[queue["answer_id"] == after][0])
        later = unchecked[unchecked.index > position]
        if not later.empty:
            return int(later.iloc[0]["answer_id"])
    return int(unchecked.iloc[0]["answer_id"])


def changed_by_province(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    """The answers of a cycle the province lowered, raised or returned (QUEUE_COLUMNS), read in the
    caller's transaction (the meeting report)."""
    reading = _reading(session, cycle)
    return reading[reading["province_state"].isin(("lowered", "raised", "returned"))].reset_index(drop=True)


def _reading_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    """The region whose province reading the actor reads: its own task force's, or the province's."""
    require_role(actor, (*REGION_READERS, PROVINCE_ROLE), NOT_A_VERIFIER)
    require_current_account(session, actor)
    code = region_code or actor.region_code
    if code is None:
        raise NotFound("Pilih wilayah terlebih dahulu.")
    region = _province_region(session, actor, code)
    if actor.role not in ("admin", PROVINCE_ROLE) and actor.region_id != region.id:
        raise PermissionDenied("Anda hanya dapat melihat data wilayah Anda sendiri.")
    return region


def province_reading(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> pd.DataFrame:
    """For the city's task force (and the province): the answers the province lowered, raised or
    returned, with its reasons (QUEUE_COLUMNS)."""
    with unit_of_work(engine, read_only=True) as session:
        region = _reading_region(session, actor, region_code)
        return changed_by_province(session, find_cycle(session, region, int(year)))


def readings(engine: Engine, actor: SignedInUser, region_code: str | None, year: int
             ) -> dict[str, tuple[float, str | None]]:
    """The cycle's self-assessed, verified and province totals, each with its predikat (None below
    the first), for the same readers as province_reading."""
    with unit_of_work(engine, read_only=True) as session:
        cycle = find_cycle(session, _reading_region(session, actor, region_code), int(year))
        found = {}
        for basis in ALL_BASES:
            total = score_cycles(session, [cycle], basis)[0].totals.iloc[0]
            found[basis] = (float(total["total"]), total["predikat_name"] or None)
        return found


def three_readings(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> dict[str, float]:
    """The cycle's self-assessed, verified and province totals (readings without the predikat)."""
    return {basis: total for basis, (total, _) in readings(engine, actor, region_code, year).items()}


def _answer_for_province(session: Session, actor: SignedInUser, answer_id: int) -> tuple[Answer, Question, Region]:
    answer = session.get(Answer, int(answer_id))
    if answer is None:
        raise NotFound("Jawaban itu tidak ada.")
    region = session.get(Region, answer.region_id)
    if region is None:
        raise NotFound("Wilayah jawaban itu tidak ada.")
    if actor.role == PROVINCE_ROLE and region.province_code != actor.province_code:
        raise PermissionDenied(f"{region.name} bukan kabupaten/kota provinsi Anda.")
    cycle = session.get(EvaluationCycle, answer.cycle_id)
    if cycle is None:
        raise NotFound("Siklus jawaban itu tidak ada.")
    _window_cycle(session, region, cycle.year, changing=True)
    unit = session.get(ReportingUnit, answer.reporting_unit_id)
    if unit is None:
        raise NotFound("Unit jawaban itu tidak ada.")
    if answer.status != VERIFIED or unit.kind != CITY_UNIT_KIND:
        raise InvalidInput(["Provinsi hanya memeriksa jawaban kota yang sudah diverifikasi Gugus Tugas."])
    question = session.get(Question, answer.question_id)
    if question is None:
        raise NotFound("Pertanyaan jawaban itu tidak ada.")
    return answer, question, region


def set_province_points(engine: Engine, actor: SignedInUser, answer_id: int, points, reason: str | None = None) -> None:
    """The province's points for a verified answer (its reason where they differ from the city's)."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    reason = (reason or "").strip()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        answer, question, region = _answer_for_province(session, actor, answer_id)
        problem = province_points_problem(points, float(answer.verified_points or 0), float(question.max_points),
                                          reason)
        problems = [f"Pertanyaan {question.code}: {problem}"] if problem else []
        if reason and (long := reason_problem(reason, "")):
            problems.append(long)
        if problems:
            raise InvalidInput(problems)
        _set_points(session, actor, answer, question.code, region.id, float(points), reason or None)
        bump_data_version(session, region.id)


def _set_points(session: Session, actor: SignedInUser, answer: Answer, code: str, region_id: int, points: float,
                reason: str | None) -> None:
    recheck = province_state(answer) == "answered"
    old = {"province_points": answer.province_points, "province_reason": answer.province_reason,
           "state": province_state(answer)}
    answer.province_points, answer.province_reason = points, reason
    answer.province_return_reason = answer.province_return_due = answer.province_fixed_at = None
    answer.province_return_strict = False
    if recheck:
        answer.province_rechecks += 1
    answer.province_by_id, answer.province_at = actor.id, utc_now()
    audit.record(session, actor.id, "answer.province_recheck" if recheck else "answer.province_points", "answer",
                 answer.id, region_id, {"question": code, "old": old,
                                        "new": {"province_points": points, "province_reason": reason},
                                        "verified_points": answer.verified_points})


def confirm_with_evidence(engine: Engine, actor: SignedInUser, region_code: str, year: int,
                          answer_ids: list[int] | None = None) -> int:
    """Confirm at once, at the city's verified points, every answer not yet checked (of `answer_ids`,
    or of the whole queue) whose evidence is in order: the question asks for none, or it is
    attached. Returns how many were confirmed; each is audited."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = _province_region(session, actor, region_code)
        cycle = _window_cycle(session, region, year, changing=True)
        queue = _reading(session, cycle)
        chosen = queue[(queue["province_state"] == "open") & ~needs_evidence_missing(queue)]
        if answer_ids is not None:
            chosen = chosen[chosen["answer_id"].isin([int(i) for i in answer_ids])]
        if chosen.empty:
            raise InvalidInput(["Tidak ada jawaban belum diperiksa yang bukti dukungnya lengkap untuk dikonfirmasi."])
        answers = {a.id: a for a in session.scalars(select(Answer).where(Answer.id.in_(
            [int(i) for i in chosen["answer_id"]])))}
        for row in chosen.itertuples():
            answer = answers[int(row.answer_id)]
            _set_points(session, actor, answer, str(row.question_code), region.id, float(answer.verified_points or 0),
                        None)
        bump_data_version(session, region.id)
        return len(chosen)


def return_to_city(engine: Engine, actor: SignedInUser, answer_id: int, reason: str | None, due: date | None,
                   strict: bool = False) -> None:
    """Send a question back to the city with a reason (what is missing) and the date by which the
    city answers (`strict`: an answer after it is refused, otherwise it is flagged late); its
    province points are cleared until the province checks the city's answer again."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    reason = (reason or "").strip()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        answer, question, region = _answer_for_province(session, actor, answer_id)
        problems = [f"Pertanyaan {question.code}: {p}"
                    for p in province_return_problems(reason, due, clock.today(region.code))]
        if reason and (long := reason_problem(reason, "")):
            problems.append(long)
        if problems:
            raise InvalidInput(problems)
        answer.province_return_reason, answer.province_points, answer.province_reason = reason, None, None
        answer.province_return_due, answer.province_return_strict = due, bool(strict)
        answer.province_fixed_at, answer.province_fix_note, answer.province_fix_late = None, None, False
        answer.province_returns += 1
        answer.province_by_id, answer.province_at = actor.id, utc_now()
        audit.record(session, actor.id, "answer.province_return", "answer", answer.id, region.id,
                     {"question": question.code, "reason": reason, "due": due.isoformat() if due else None,
                      "strict": bool(strict)})
        bump_data_version(session, region.id)


def round_trip_counts(queue: pd.DataFrame) -> dict[str, int]:
    """What both sides count of a cycle's round trip: returns, fixes and re-checks so far, returns
    the city still owes an answer to, answers the province still owes a re-check, late answers,
    and answers not yet checked."""
    states = queue["province_state"]
    return {"returns": int(queue["province_returns"].sum()), "fixes": int(queue["province_fixes"].sum()),
            "rechecks": int(queue["province_rechecks"].sum()), "awaiting_city": int((states == "returned").sum()),
            "awaiting_recheck": int((states == "answered").sum()), "late": int(queue["province_fix_late"].sum()),
            "unchecked": int((states == "open").sum()), "answers": len(queue)}


def finish_verification(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> dict[str, int]:
    """Declare the province's verification of the cycle finished (the city may then publish): no
    return may be outstanding. Answers left unchecked keep the city's verified points in the
    province's reading; the audit row counts them."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = _province_region(session, actor, region_code)
        cycle = _window_cycle(session, region, year, changing=True)
        queue = _reading(session, cycle)
        counts = round_trip_counts(queue)
        outstanding = queue[queue["province_state"].isin(OUTSTANDING)]
        if not outstanding.empty:
            codes = ", ".join(outstanding["question_code"].head(10))
            raise InvalidInput([f"Masih ada {len(outstanding)} pengembalian yang belum selesai ({codes}): tunggu "
                                "jawaban kota atau periksa ulang jawabannya sebelum menyatakan verifikasi selesai."])
        cycle.province_done_at, cycle.province_done_by_id = utc_now(), actor.id
        audit.record(session, actor.id, "cycle.province_done", "evaluation_cycle", cycle.id, region.id,
                     {"region": region.code, "cycle": cycle.year, **counts})
        bump_data_version(session, region.id)
        return counts


def province_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The kab/kota the verifier may check, each with the years in its window (closed, not published;
    newest first): those of the verifier's province, or every region for the admin."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region_query = select(Region.id, Region.code, Region.name).order_by(Region.name)
        if actor.role == PROVINCE_ROLE:
            region_query = region_query.where(Region.province_code == actor.province_code)
        hosted = {row.id: row for row in session.execute(region_query)}
        closed: dict[int, list[int]] = {}
        for region_id, year in session.execute(
                select(EvaluationCycle.region_id, EvaluationCycle.year)
                .where(EvaluationCycle.region_id.in_(list(hosted)), EvaluationCycle.status == CYCLE_CLOSED,
                       EvaluationCycle.published.is_(False))
                .order_by(EvaluationCycle.year.desc())):
            closed.setdefault(region_id, []).append(year)
        return [{"code": row.code, "name": row.name, "years": closed[region_id]}
                for region_id, row in hosted.items() if region_id in closed]
