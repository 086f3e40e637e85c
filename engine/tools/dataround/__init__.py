"""The tertial's data round: fill-in workbooks per nämnd (`mall`), reading them back
(`import`) into the period's outcome files, and who has delivered (`status`).

- `layout`: the workbook's sheets and columns, and building one (`build_workbook`).
- `reading`: reading a filled workbook cell by cell, as untrusted input.
- `periodfiles`: the period's outcome files as round-trip YAML, and pre-filling.
- `importing`: turning filled rows into changes of those files, all or nothing.
- `status`: per nämnd, what is delivered and what is missing.
"""
