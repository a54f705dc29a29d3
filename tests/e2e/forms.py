"""Filling forms in the browser as a person does."""


def fill_by_label(page, fields: dict[str, str]) -> None:
    """Each field found by its label: a drop-down has the value chosen, any other is typed in."""
    for label, value in fields.items():
        field = page.get_by_label(label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
