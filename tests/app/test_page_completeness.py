"""Kelengkapan Isian (app_pages/completeness.py) through AppTest: figures, tables, the chase list
and the chair's cycle controls."""
from datetime import timedelta

from sqlalchemy import select

from data.db import unit_of_work
from data.models import AuditLog, EvaluationCycle
from data.services.public.summary import public_summary
from data.services.review.publication import publication_preview
from data.services.review.risk import answers_at_risk
from indicators.text import long_date
from indicators.text import points as fmt_points
from page_helpers import sign_in, texts
from review_fixtures import account

COMPLETENESS = "app_pages/completeness.py"


def open_completeness(app, username="ketua"):
    app.switch_page(COMPLETENESS).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def cycle(engine, year: int) -> EvaluationCycle:
    with unit_of_work(engine) as session:
        return session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == year))


def buttons(app, label: str):
    return [b for b in app.button if b.label == label]


def test_anonymous_and_unit_accounts_get_nothing(app):
    app.switch_page(COMPLETENESS).run()
    assert [t.value for t in app.title] == ["Masuk"] and "Siapa yang perlu dihubungi" not in texts(app)
    sign_in(app, "opd.dp3a")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(app) and not app.dataframe


def test_figures_tables_and_chase_list(app, pinned_clock):
    open_completeness(app, "anggota")
    page = texts(app)
    assert [t.value for t in app.title] == ["Kelengkapan Isian"]
    assert "Kota Kupang, siklus 2025 (terbuka)" in page
    assert f"Batas waktu {long_date(pinned_clock + timedelta(days=11))}:" in page  # the demo's day + 11
    metrics = {m.label: m.value for m in app.metric}
    # 29 OPDs, 6 kecamatan and 51 kelurahan answer; the kecamatan's and kelurahan's answers count too
    assert metrics["Terkirim"] == "28,8%" and metrics["Unit lengkap"] == "0 dari 86"
    groups, chase, units = (table.value for table in app.dataframe)
    assert len(groups) == 7 and groups["percent_submitted"].between(0, 100).all()
    assert chase.columns.tolist() == ["Unit", "Petugas", "Belum terkirim", "Yang kurang"]
    assert chase["Unit"].iloc[0] == "dp3a" and "98 dari 107" == chase["Belum terkirim"].iloc[0]
    assert "dikembalikan: 3.1a, 6.5" in chase["Yang kurang"].iloc[0] and "25.12" not in chase["Yang kurang"].iloc[0]
    assert len(units) == 86
    assert "Pengelolaan siklus" not in page  # only the chair manages the cycle
    assert app.get("download_button")


def test_past_cycle_marks_late_units(app):
    open_completeness(app)
    app.selectbox(key="completeness_year_53.71").select(2024).run()
    page = texts(app)
    assert "Kota Kupang, siklus 2024 (ditutup)" in page and "sudah lewat" in page
    chase = app.dataframe[1].value
    assert chase["Terlambat"].iloc[0] == "⚠ Terlambat"
    assert "dipublikasikan" in page



def test_chair_closes_publishes_unpublishes_and_reopens(app, engine):
    open_completeness(app)
    assert "Siklus 2025: terbuka; belum dipublikasikan." in texts(app)
    assert not buttons(app, "Publikasikan")
    buttons(app, "Tutup siklus")[0].click().run()
    assert any("Centang konfirmasi dulu." in e.value for e in app.error)
    assert cycle(engine, 2025).status == "open"

    app.checkbox(key="cycle_close_53.71_2025_confirm").check()
    buttons(app, "Tutup siklus")[0].click().run()
    assert cycle(engine, 2025).status == "closed"
    assert "Siklus 2025 ditutup." in [s.value for s in app.success]

    page = texts(app)
    coverage = publication_preview(engine, account(engine, "ketua"), 2025).coverage
    assert "Kesiapan publikasi" in page and "Bila diterbitkan sekarang, halaman publik akan menulis:" in page
    assert "Kota Kupang belum meraih predikat pada evaluasi 2025" in page
    assert f"{coverage.verified} dari 274 pertanyaan terverifikasi." in page
    assert any("di bawah batas 90%" in w.value for w in app.warning)
    risky = answers_at_risk(engine, account(engine, "ketua"), 2025)
    assert (f"Berisiko pada verifikasi provinsi: {len(risky)} jawaban, "
            f"{fmt_points(risky['points_at_risk'].sum())} poin") in [e.label for e in app.expander]
    app.checkbox(key="cycle_publish_53.71_2025_confirm").check()
    buttons(app, "Publikasikan")[0].click().run()
    assert any("Tuliskan alasan menerbitkan sekarang" in e.value for e in app.error)
    assert not cycle(engine, 2025).published
    app.text_area(key="cycle_publish_53.71_2025_reason").input("Diminta DPRD sebelum Rakor.")
    buttons(app, "Publikasikan")[0].click().run()
    assert cycle(engine, 2025).published and public_summary(engine, "53.71").year == 2025

    buttons(app, "Tarik publikasi")[0].click().run()
    assert any("alasan menarik publikasi" in e.value for e in app.error) and cycle(engine, 2025).published
    app.text_area(key="cycle_unpublish_53.71_2025_reason").input("Angka Klaster V dikoreksi.")
    buttons(app, "Tarik publikasi")[0].click().run()
    assert not cycle(engine, 2025).published

    app.text_area(key="cycle_reopen_53.71_2025_reason").input("OPD Dinkes menyusulkan data.")
    buttons(app, "Buka kembali siklus")[0].click().run()
    assert cycle(engine, 2025).status == "open"
    with unit_of_work(engine) as session:
        actions = list(session.scalars(select(AuditLog.action).where(AuditLog.entity == "evaluation_cycle")
                                       .order_by(AuditLog.id)))
    assert actions == ["cycle.close", "cycle.publish", "cycle.unpublish", "cycle.reopen"]


def test_english(app):
    open_completeness(app)
    app.sidebar.segmented_control[0].set_value("en").run()
    assert [t.value for t in app.title] == ["Completeness"]
    assert "Whom to contact" in texts(app) and buttons(app, "Close cycle")


def test_reminders_ready_to_copy_for_every_unit_that_owes_answers(app, engine):
    from data.services.review.reminders import reminders

    open_completeness(app)
    expected = reminders(engine, account(engine, "ketua"), None, 2025)
    [expander] = [e for e in app.expander if e.label.startswith("Pesan pengingat siap disalin")]
    assert expander.label == f"Pesan pengingat siap disalin ({len(expected)} unit)"
    codes = [c.value for c in app.code]
    assert codes == [r.message for r in expected] and codes[0].startswith("Yth. ")


def test_a_focal_point_s_whatsapp_link_and_the_e_mail_sent_through_the_admin_s_server(app, engine):
    from data.actor import COMMAND_LINE
    from data.services.accounts.admin import update_account
    from data.services.review.reminders import reminders
    from mail_server import smtp_server

    update_account(engine, COMMAND_LINE, "opd.dp3a", phone="0812-3456-7890", email="dp3a@kupangkota.go.id")
    [dp3a] = [r for r in reminders(engine, account(engine, "ketua"), None, 2025) if r.unit_short_name == "dp3a"]
    open_completeness(app, "admin")
    links = [b for b in app.get("link_button") if b.proto.label.startswith("WhatsApp Operator Dinas Pemberdayaan")]
    assert [b.proto.url for b in links] == [c.whatsapp for c in dp3a.contacts if c.phone]
    assert "Belum ada pengingat yang dikirim lewat e-mail." in texts(app)
    with smtp_server() as (host, port, mailbox):
        fields = {w.label: w for w in app.text_input}
        fields["Server SMTP"].input(host)
        fields["Port"].input(str(port))
        fields["Alamat pengirim"].input("kla@kupangkota.go.id")
        next(s for s in app.selectbox if s.label == "Keamanan sambungan").set_value("none")
        next(b for b in app.button if b.label == "Simpan server e-mail").click().run()
        assert "Server e-mail disimpan." in [s.value for s in app.success]
        next(b for b in app.button if b.label == "Kirim e-mail pengingat").click().run()
        assert not app.error, [e.value for e in app.error]
    assert any("pengingat terkirim lewat e-mail, 0 gagal" in s.value for s in app.success)
    assert [m["To"] for m in mailbox.received] == ["dp3a@kupangkota.go.id"]
    sent = next(d for d in app.dataframe if "Kepada" in d.value.columns).value
    assert sent["Kepada"].tolist() == ["dp3a@kupangkota.go.id"] and sent["Hasil"].tolist() == ["terkirim"]
