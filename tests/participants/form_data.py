"""Form data the participants tests post."""


def participant_form(**overrides) -> dict:
    """What a petugas types into the registration form for one (fictional) person."""
    return {
        "name": "Contoh Nama Fiktif",
        "register_type": "A.III",
        "registration_number": "AIII.900/2025",
        "nik": "6471 9901 0190 0001",
        "birth_place": "Balikpapan",
        "birth_date": "1990-01-01",
        "sex": "M",
        "religion": "islam",
        "education": "sma",
        "case_article": "Pasal 127",
        "admission_date": "2025-06-01",
        "expected_release_date": "2026-06-01",
        "cell_block": "Blok A",
        **overrides,
    }
