"""Domain errors raised by the data layer. Each carries one message a person can act on,
in Indonesian, for a page to show with st.error or the command line to print."""

from __future__ import annotations

from datetime import datetime

from indicators import text


class DomainError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    def __init__(self, message: str = "Anda tidak berwenang melakukan tindakan ini."):
        super().__init__(message)


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


class StaleAnswer(DomainError):
    """Someone else changed the answer after the user read it; times in the region's zone (a page
    shows them in the reader's own, from changed_at)."""

    def __init__(self, changed_by: str, changed_at: datetime, zone: str | None = None):
        super().__init__(
            f"Jawaban ini sudah diubah oleh {changed_by} pada {text.date_time(changed_at, 'id', zone)}; "
            "perubahan Anda belum disimpan."
        )
        self.changed_by = changed_by
        self.changed_at = changed_at


class AuthenticationFailed(DomainError):
    pass


class DatabaseUnavailable(DomainError):
    def __init__(self, reason: str):
        super().__init__(
            f"Basis data tidak dapat dihubungi: {reason}. Periksa KLA_DATABASE_URL."
        )
        self.reason = reason


class DatabaseBusy(DomainError):
    def __init__(self):
        super().__init__("Basis data sedang sibuk melayani banyak penyimpanan sekaligus; tidak ada yang tersimpan. "
                         "Tunggu sebentar, lalu simpan lagi.")


class WriteConflict(DomainError):
    def __init__(self):
        super().__init__("Perubahan ini bertabrakan dengan perubahan lain yang baru saja disimpan; tidak ada yang "
                         "tersimpan. Muat ulang halaman, periksa datanya, lalu coba lagi.")
