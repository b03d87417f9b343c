"""Reports: tables.py builds rows; excel.py, pdf.py and receipts.py only render."""
