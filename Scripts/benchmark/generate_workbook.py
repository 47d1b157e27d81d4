#!/usr/bin/env python3
"""Writes the import benchmark's export (Scripts/benchmark/generate.py) again as an Excel
workbook, the way Excel and the survey platforms store one: every answer in the shared string
table, the submission time as a date in a date format. Needs XlsxWriter (pip install
xlsxwriter).

    python3 Scripts/benchmark/generate_workbook.py EXPORT.csv EXPORT.xlsx
"""
import csv
import datetime
import sys

import xlsxwriter


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    workbook = xlsxwriter.Workbook(target)
    sheet = workbook.add_worksheet("Responses")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    with open(source, newline="", encoding="utf-8") as handle:
        for r, row in enumerate(csv.reader(handle)):
            for c, text in enumerate(row):
                if text == "":
                    continue
                if r > 0 and c == 1:
                    sheet.write_datetime(
                        r, c, datetime.datetime.strptime(text, "%Y-%m-%d %H:%M"), date_format)
                else:
                    sheet.write_string(r, c, text)
    workbook.close()


if __name__ == "__main__":
    main()
