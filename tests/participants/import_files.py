"""Files as SDP exports them, built in memory for the import tests and the benchmark."""

import csv
import datetime as dt
import io

import openpyxl

HEADER = [
    "no_registrasi",
    "jenis_register",
    "nama",
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "pendidikan",
    "pasal",
    "tanggal_masuk",
    "perkiraan_bebas",
    "blok",
    # The coded PP 25/2011 recap (empty unless a test fills them).
    "zat_utama",
    "lama_pakai",
    "cara_pakai",
    "diagnosis",
    "riwayat_terapi",
]


def row(n: int, **overrides) -> dict:
    """A valid fictional row number `n`."""
    values = {
        "no_registrasi": f"AIII.{n:05d}/2025",
        "jenis_register": "A.III",
        "nama": f"Warga Fiktif {n:05d}",
        "nik": f"6471990101{n:06d}",
        "tempat_lahir": "Balikpapan",
        "tanggal_lahir": "15-08-1990",
        "jenis_kelamin": "L",
        "agama": "Islam",
        "pendidikan": "SMA",
        "pasal": "Pasal 127 UU 35/2009",
        "tanggal_masuk": "02-06-2025",
        "perkiraan_bebas": "01-06-2026",
        "blok": f"Blok {'ABCD'[n % 4]}",
    }
    values.update(overrides)
    return values


def csv_bytes(
    rows: list[dict], *, delimiter: str = ",", encoding: str = "utf-8-sig", header=HEADER
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(key, "") for key in header])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows: list[dict], *, title_rows: int = 0, header=HEADER, real_dates: bool = True
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for n in range(title_rows):
        sheet.append([f"DAFTAR WARGA BINAAN — halaman judul {n + 1}"])
    sheet.append(header)
    for values in rows:
        cells = []
        for key in header:
            value = values.get(key, "")
            if real_dates and key.startswith(("tanggal", "perkiraan")) and value:
                value = dt.datetime.strptime(value, "%d-%m-%Y")
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
