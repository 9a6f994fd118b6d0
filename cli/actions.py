"""The action plan (RAD KLA) of a cycle: indicator, OPDs, due date, status, who is late."""
from __future__ import annotations

import json

from cli.common import JSON, REGION_OF_UNIT, arg, command, open_database
from data.actor import COMMAND_LINE


def actions(args) -> int:
    from data.services.actions.plans import list_actions
    from indicators.actions import status_name

    frame = list_actions(open_database(), COMMAND_LINE, args.region, args.cycle)
    if args.json:
        records = frame.drop(columns=["updated_at", "version"]).assign(
            due_date=[d.isoformat() for d in frame["due_date"]]).to_dict("records")
        print(json.dumps({"region": args.region, "cycle": args.cycle, "actions": records}, ensure_ascii=False,
                         indent=2, default=str))
        return 0
    if frame.empty:
        print(f"Belum ada rencana aksi untuk siklus {args.cycle}.")
        return 0
    for row in frame.itertuples():
        late = "  TERLAMBAT" if row.overdue else ""
        print(f"[{row.id}] Indikator {row.indicator_code}: {row.title}")
        print(f"    OPD: {row.lead_unit}{' + ' + ', '.join(row.supporting_units) if row.supporting_units else ''}; "
              f"tenggat {row.due_date:%d-%m-%Y}; {status_name(row.status)} {row.progress:g}%{late}")
    print(f"{len(frame)} aksi; {int(frame['overdue'].sum())} terlambat.")
    return 0


def register(commands) -> None:
    command(commands, "actions", "rencana aksi (RAD KLA) satu siklus: indikator, OPD, tenggat, status", actions,
            REGION_OF_UNIT,
            arg("--cycle", type=int, required=True, help="tahun siklus"),
            JSON)
