"""Small files that cost much to read, through every route that reads an uploaded spreadsheet or
CSV (units, OPD entries, accounts, catalog; cases): each is refused with a short message naming
what is wrong, in a process whose memory may grow by at most MEMORY_LIMIT_MB (a larger need
fails it with MemoryError). bench/bench_file_bombs.py prints the time and memory of each."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import file_route
import spreadsheet_bombs as bombs

MEMORY_LIMIT_MB = 300
XLSX_ROUTES = "units,entries,accounts,catalog"
CASE_COLUMNS = "tahun,kelompok_korban,jenis_kekerasan,jenis_kelamin,kelompok_umur,penyebab,sumber,tempat,layanan,jumlah"


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    files = {}
    for name in ("huge_header_cell", "huge_shared_string", "wide_row", "entity_expansion"):
        files[name] = folder / f"{name}.xlsx"
        files[name].write_bytes(getattr(bombs, name)())
    files["long_field"] = folder / "long_field.csv"
    files["long_field"].write_text(f"{CASE_COLUMNS}\n2024,anak,{'x' * 200_000},p,0-5,lain,simfoni,,,1\n")
    files["long_header"] = folder / "long_header.csv"
    files["long_header"].write_text(f"{CASE_COLUMNS},{'z' * 100_000}\n2024,anak,fisik,p,0-5,lain,simfoni,,,1,\n")
    return files


def sent(routes: str, path: Path, url: str) -> list[dict]:
    done = subprocess.run([sys.executable, file_route.__file__, routes, str(path), url, str(MEMORY_LIMIT_MB)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.parametrize("bomb, expected", [
    ("huge_header_cell", "lebih dari 32.767 karakter"),
    ("huge_shared_string", "lebih dari 32.767 karakter"),
    ("wide_row", "lebih dari 500.000 sel"),
    ("entity_expansion", "DOCTYPE"),
])
def test_a_spreadsheet_bomb_is_refused_by_every_route_within_bounded_memory(seeded_url, bomb_files, bomb, expected):
    results = sent(XLSX_ROUTES, bomb_files[bomb], seeded_url)
    assert [r["route"] for r in results] == XLSX_ROUTES.split(",")
    for result in results:
        assert result["outcome"] == "refused", result
        assert expected in result["message"] and result["message_chars"] < 400, result


@pytest.mark.parametrize("bomb, expected", [("long_field", "tidak dapat dibaca"), ("long_header", "tidak dikenal")])
def test_a_case_csv_with_an_endless_field_is_refused_with_a_short_message(seeded_url, bomb_files, bomb, expected):
    [result] = sent("cases", bomb_files[bomb], seeded_url)
    assert result["outcome"] == "refused" and expected in result["message"], result
    assert result["message_chars"] < 400, result
