"""Importing the rosters villages keep in Excel: open, find the header, map columns, preview, commit."""

from villagedesk.services.register.importing.commit import ImportResult, commit_import, import_file
from villagedesk.services.register.importing.preview import ImportPreview, Problem, preview_import
from villagedesk.services.register.importing.template import write_template
from villagedesk.services.register.importing.workbook import SheetData, read_sheet, sheet_names

__all__ = ["ImportPreview", "ImportResult", "Problem", "SheetData", "commit_import", "import_file",
           "preview_import", "read_sheet", "sheet_names", "write_template"]
