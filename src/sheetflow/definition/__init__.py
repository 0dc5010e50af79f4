"""The form definition: tables, fields, choice lists and settings, read from an Excel workbook (or the
YAML the package ships) and checked; every stage derives its columns from it."""
