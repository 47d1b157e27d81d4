#!/usr/bin/env python3
"""Writes the workbook reader's test fixtures with two independent writers from PyPI, openpyxl
and XlsxWriter, and with a small ZIP writer of its own for archives the writers never make:

    pip install openpyxl xlsxwriter
    python3 Scripts/workbook/workbook_fixtures.py Tests/SurveyWorkbookTests/Fixtures

* workbooks/<writer>/<layout>.xlsx: the CSV exports of Examples/ (Google Forms, Microsoft Forms,
  Qualtrics, SmartSurvey, SurveyMonkey, the Kent e-survey, and the cohort and outcome files that
  `compare` and `change` read) written cell by cell as each writer
  writes a worksheet: numbers as numbers (a code 3, an id 1042), dates and times as dates in
  the platform's date format, everything else as text, blank cells left out; plus a second
  sheet. Every command must read them with the same results as their CSV twins.
* workbooks/<writer>/features*.xlsx with features*.expected.json: cells of every kind (shared,
  inline and rich-text strings, numbers that need rounding to 15 digits, booleans, errors,
  dates and times in the 1900 and 1904 date systems, sparse rows, several sheets), and the text
  each cell must read as, worked out here in Python ('%.15G' for numbers, datetime for dates).
* workbooks/handmade/*.xlsx with *.expected.json: SpreadsheetML and ZIP features the writers do
  not use (cells and rows without references, namespace prefixes, formulas, entities, CDATA,
  phonetic runs, data descriptors, ZIP64, stored entries, an archive comment).
* hostile/*: damaged and hostile archives and files that are not workbooks; manifest.tsv says
  what each is. The tests pin the error each gives.

Deterministic: the writers' timestamps are fixed, so running it again gives the same files.
"""
import csv
import datetime
import io
import json
import os
import random
import re
import struct
import sys
import time
import zipfile
import zlib

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)

LAYOUTS = {
    "google-forms": "Examples/platform-exports/google-forms.csv",
    "microsoft-forms": "Examples/platform-exports/microsoft-forms.csv",
    "qualtrics": "Examples/platform-exports/qualtrics.csv",
    "smartsurvey": "Examples/platform-exports/smartsurvey.csv",
    "surveymonkey": "Examples/platform-exports/surveymonkey.csv",
    "kent-esurvey": "Examples/kent-esurvey/export.csv",
    "cohort-combined": "Examples/cohort-comparison/combined.csv",
    "provider-baseline": "Examples/provider-outcomes/baseline.csv",
    "provider-followup": "Examples/provider-outcomes/followup.csv",
}

# How each layout writes dates in its CSV, and the format a workbook shows them in.
DATE_PATTERNS = [
    (re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$"), "%d/%m/%Y %H:%M:%S", "dd/mm/yyyy hh:mm:ss"),
    (re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"), "%d/%m/%Y %H:%M", "dd/mm/yyyy hh:mm"),
    (re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), "%Y-%m-%d %H:%M:%S", "yyyy-mm-dd hh:mm:ss"),
    (re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} [AP]M$"), "%m/%d/%Y %I:%M:%S %p", "mm/dd/yyyy hh:mm:ss AM/PM"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d", "yyyy-mm-dd"),
]
NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")


class FixedClock:
    """Stands in for the `time` module inside zipfile, so that openpyxl's entries get a fixed
    date and the files are the same on every run."""

    def time(self):
        return time.mktime(FIXED_TIME.timetuple())

    def localtime(self, seconds=None):
        return FIXED_TIME.timetuple()

    def __getattr__(self, name):
        return getattr(time, name)


zipfile.time = FixedClock()


class FixedDateTimeModule:
    """Stands in for the `datetime` module inside openpyxl's writer, which stamps the time of
    saving into the workbook's properties."""

    class datetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_TIME.replace(tzinfo=tz)

    def __getattr__(self, name):
        return getattr(datetime, name)


import openpyxl.writer.excel  # noqa: E402

openpyxl.writer.excel.datetime = FixedDateTimeModule()


def read_csv(path):
    data = open(os.path.join(ROOT, path), "rb").read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline="")))


def cell_value(text, header_rows, row_index):
    """The value a writer stores for a CSV cell: a number, a date, or the text itself."""
    if row_index < header_rows:
        return text, None
    if NUMBER.match(text) and len(text.lstrip("-").replace(".", "").lstrip("0")) <= 15:
        return (int(text) if "." not in text else float(text)), None
    for pattern, parse, number_format in DATE_PATTERNS:
        if pattern.match(text):
            return datetime.datetime.strptime(text, parse), number_format
    return text, None


def header_rows_of(layout, rows):
    if layout == "surveymonkey":
        return 2
    if layout == "qualtrics":
        return 3
    return 1


# ---------------------------------------------------------------------------------------------
# The CSV twins
# ---------------------------------------------------------------------------------------------


def write_twin_openpyxl(path, layout, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1" if layout == "microsoft-forms" else "Responses"
    header_rows = header_rows_of(layout, rows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "":
                continue
            value, number_format = cell_value(text, header_rows, r)
            cell = sheet.cell(row=r + 1, column=c + 1, value=value)
            if number_format:
                cell.number_format = number_format
    notes = workbook.create_sheet("Notes")
    notes["A1"] = "Exported from " + layout
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(path)


def write_twin_xlsxwriter(path, layout, rows):
    workbook = xlsxwriter.Workbook(path)
    workbook.set_properties({"created": FIXED_TIME})
    sheet = workbook.add_worksheet("Sheet1" if layout == "microsoft-forms" else "Responses")
    formats = {}
    header_rows = header_rows_of(layout, rows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "":
                continue
            value, number_format = cell_value(text, header_rows, r)
            if isinstance(value, datetime.datetime):
                if number_format not in formats:
                    formats[number_format] = workbook.add_format({"num_format": number_format})
                sheet.write_datetime(r, c, value, formats[number_format])
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.add_worksheet("Notes").write_string(0, 0, "Exported from " + layout)
    workbook.close()


# ---------------------------------------------------------------------------------------------
# Cells of every kind, with the text each must read as
# ---------------------------------------------------------------------------------------------

NUMBERS = [
    3, 1042, 2.5, 0.1 + 0.2, 1e20, 1.5e-7, -7, 123456789012345, 12345678901234567, 0, 100,
    1 / 3, 0.0001, 0.00001234, 1234567.891, -0.5, 1e15, 2 / 3 * 1000,
]


def general(number):
    """The text Excel shows for a number: 15 significant digits, as C's %.15G."""
    return "%.15G" % number


EPOCH_1900 = datetime.datetime(1899, 12, 30)
EPOCH_1904 = datetime.datetime(1904, 1, 1)


def iso(value):
    if isinstance(value, datetime.datetime):
        rounded = value + datetime.timedelta(microseconds=500_000)
        return rounded.replace(microsecond=0).isoformat()
    return value.isoformat()


def duration_text(delta):
    seconds = round(delta.total_seconds())
    return "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def feature_cases(writer, date1904):
    """(sheet rows as (row number, [(column, kind, value, format)]), expected cell texts)."""
    rows = []
    expected = []

    def add(row_number, cells):
        rows.append((row_number, cells))
        texts = {}
        for column, kind, value, number_format, text in cells:
            texts[column] = text
        width = max(column for column in texts if texts[column] != "") + 1
        expected.append([row_number, [texts.get(column, "") for column in range(width)]])

    add(1, [(c, "string", name, None, name) for c, name in enumerate(
        ["id", "code", "number", "text", "flag", "error", "date", "datetime", "time"])])
    row = 2
    for index, number in enumerate(NUMBERS):
        add(row, [(0, "number", 1000 + index, None, str(1000 + index)),
                  (2, "number", number, None, general(number))])
        row += 1
    texts = [
        "Fish & chips <tasty> \"quoted\" 'single'",
        "line one\nline two",
        " padded ",
        "Ffion \u2013 caf\u00e9 \u2615 \U0001D518",
        "007",
        "Often/always",
    ]
    if writer == "xlsxwriter":
        texts += ["a literal _x0041_ stays", "bell \u0007 here"]
    for text in texts:
        add(row, [(0, "number", row, None, str(row)), (3, "string", text, None, text)])
        row += 1
    add(row, [(0, "number", row, None, str(row)),
              (3, "rich", ["Some ", "of the", " time"], None, "Some of the time")])
    row += 1
    add(row, [(0, "number", row, None, str(row)), (4, "boolean", True, None, "TRUE"),
              (5, "error", "#N/A", None, "#N/A")])
    row += 1
    add(row, [(0, "number", row, None, str(row)), (4, "boolean", False, None, "FALSE"),
              (5, "error", "#DIV/0!", None, "#DIV/0!")])
    row += 1
    # A sparse row: only columns C and F, after a gap of two empty rows.
    row += 2
    add(row, [(2, "string", "C only", None, "C only"), (5, "number", 6, None, "6")])
    row += 1
    # Dates and times.
    dates = [
        (6, datetime.datetime(2024, 3, 5), "yyyy-mm-dd", "2024-03-05"),
        (6, datetime.datetime(1999, 12, 31), "dd mmm yyyy", "1999-12-31"),
        (6, datetime.datetime(2026, 3, 2), "mm-dd-yy", "2026-03-02"),
        (7, datetime.datetime(2024, 3, 5, 14, 30, 15), "dd/mm/yyyy hh:mm:ss", None),
        (7, datetime.datetime(2024, 3, 5, 14, 30, 15, 600_000), "yyyy-mm-dd hh:mm:ss", None),
        (7, datetime.datetime(2026, 12, 31, 23, 59, 59), "m/d/yy h:mm AM/PM", None),
        (8, datetime.time(14, 30), "hh:mm", "14:30:00"),
        (8, datetime.time(9, 5, 7), "h:mm:ss", "09:05:07"),
        (8, datetime.timedelta(hours=36, minutes=5), "[h]:mm:ss", "36:05:00"),
    ]
    for column, value, number_format, text in dates:
        add(row, [(0, "number", row, None, str(row)),
                  (column, "date", value, number_format, text or iso(value))])
        row += 1
    # Serial numbers around Excel's 1900-02-29, in a date format.
    serials = [(1, "1900-01-01"), (59, "1900-02-28"), (60, "1900-02-29"), (61, "1900-03-01")]
    if date1904:
        serials = [(0, "1904-01-01"), (1, "1904-01-02"), (366, "1905-01-01")]
    for serial, text in serials:
        add(row, [(0, "number", row, None, str(row)), (6, "number", serial, "yyyy-mm-dd", text)])
        row += 1
    second = [(1, [(0, "string", "second sheet", None, "second sheet"),
                   (1, "number", 42, None, "42")]),
              (2, [(1, "string", "B2", None, "B2")])]
    return rows, expected, second


def second_expected(second):
    result = []
    for row_number, cells in second:
        texts = {column: text for column, _, _, _, text in cells}
        width = max(texts) + 1
        result.append([row_number, [texts.get(column, "") for column in range(width)]])
    return result


def write_features_openpyxl(path, date1904):
    rows, expected, second = feature_cases("openpyxl", date1904)
    workbook = openpyxl.Workbook()
    if date1904:
        workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = "Responses"
    for row_number, cells in rows:
        for column, kind, value, number_format, _ in cells:
            target = sheet.cell(row=row_number, column=column + 1)
            if kind == "rich":
                target.value = CellRichText(
                    [value[0], TextBlock(InlineFont(b=True), value[1]), value[2]])
            else:
                target.value = value
            if number_format:
                target.number_format = number_format
    other = workbook.create_sheet("Second")
    for row_number, cells in second:
        for column, _, value, _, _ in cells:
            other.cell(row=row_number, column=column + 1, value=value)
    hidden = workbook.create_sheet("Hidden")
    hidden["A1"] = "hidden"
    hidden.sheet_state = "hidden"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(path)
    return {
        "sheets": [["Responses", "worksheet", False], ["Second", "worksheet", False],
                   ["Hidden", "worksheet", True]],
        "rows": {"Responses": expected, "Second": second_expected(second),
                 "Hidden": [[1, ["hidden"]]]},
        "date1904": date1904,
    }


def write_features_xlsxwriter(path, date1904, constant_memory=False):
    rows, expected, second = feature_cases("xlsxwriter", date1904)
    workbook = xlsxwriter.Workbook(
        path, {"date_1904": date1904, "constant_memory": constant_memory})
    workbook.set_properties({"created": FIXED_TIME})
    sheet = workbook.add_worksheet("Responses")
    bold = workbook.add_format({"bold": True})
    formats = {}
    for row_number, cells in rows:
        r = row_number - 1
        for column, kind, value, number_format, _ in cells:
            if kind == "string":
                sheet.write_string(r, column, value)
            elif kind == "rich":
                sheet.write_rich_string(r, column, value[0], bold, value[1], value[2])
            elif kind == "boolean":
                sheet.write_boolean(r, column, value)
            elif kind == "error":
                sheet.write_formula(r, column, "=NA()" if value == "#N/A" else "=1/0", None, value)
            elif kind == "date":
                if number_format not in formats:
                    formats[number_format] = workbook.add_format({"num_format": number_format})
                sheet.write_datetime(r, column, value, formats[number_format])
            elif number_format:
                if number_format not in formats:
                    formats[number_format] = workbook.add_format({"num_format": number_format})
                sheet.write_number(r, column, value, formats[number_format])
            else:
                sheet.write_number(r, column, value)
    other = workbook.add_worksheet("Second")
    for row_number, cells in second:
        for column, _, value, _, _ in cells:
            other.write(row_number - 1, column, value)
    hidden = workbook.add_worksheet("Hidden")
    hidden.write_string(0, 0, "hidden")
    hidden.hide()
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({"values": "=Responses!$C$2:$C$5"})
    chartsheet = workbook.add_chartsheet("Chart")
    chartsheet.set_chart(chart)
    workbook.close()
    return {
        "sheets": [["Responses", "worksheet", False], ["Second", "worksheet", False],
                   ["Hidden", "worksheet", True], ["Chart", "chartsheet", False]],
        "rows": {"Responses": expected, "Second": second_expected(second),
                 "Hidden": [[1, ["hidden"]]]},
        "date1904": date1904,
    }


# ---------------------------------------------------------------------------------------------
# A ZIP writer with full control, for handmade and hostile archives
# ---------------------------------------------------------------------------------------------


class Entry:
    def __init__(self, name, data, method=8, descriptor=False, zip64=False, crc=None,
                 local_size=None, central_size=None, flags=0, compressed=None):
        self.name = name
        self.data = data
        self.method = method
        self.descriptor = descriptor
        self.zip64 = zip64
        self.crc = crc
        self.local_size = local_size
        self.central_size = central_size
        self.flags = flags
        self.compressed = compressed


def raw_deflate(data, level=6):
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def zip_bytes(entries, comment=b"", zip64_end=False):
    out = bytearray()
    central = bytearray()
    for entry in entries:
        name = entry.name.encode()
        payload = entry.compressed
        if payload is None:
            payload = raw_deflate(entry.data) if entry.method == 8 else entry.data
        crc = entry.crc if entry.crc is not None else zlib.crc32(entry.data)
        size = entry.central_size if entry.central_size is not None else len(entry.data)
        local_size = entry.local_size if entry.local_size is not None else size
        flags = entry.flags | (0x08 if entry.descriptor else 0) | 0x800
        offset = len(out)
        if entry.zip64:
            local_extra = struct.pack("<HHQQ", 1, 16, local_size, len(payload))
            local_fields = (0xFFFFFFFF, 0xFFFFFFFF)
        else:
            local_extra = b""
            local_fields = (len(payload), local_size)
        if entry.descriptor:
            local_crc, local_fields, local_extra = 0, (0, 0), b""
        else:
            local_crc = crc
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if entry.zip64 else 20, flags,
                           entry.method, 0, 0x5C21, local_crc, local_fields[0], local_fields[1],
                           len(name), len(local_extra))
        out += name + local_extra + payload
        if entry.descriptor:
            if entry.zip64:
                out += struct.pack("<IIQQ", 0x08074B50, crc, len(payload), size)
            else:
                out += struct.pack("<IIII", 0x08074B50, crc, len(payload), size)
        if entry.zip64:
            central_extra = struct.pack("<HHQQQ", 1, 24, size, len(payload), offset)
            fields = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            central_extra = b""
            fields = (len(payload), size, offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45 if entry.zip64 else 20,
                               flags, entry.method, 0, 0x5C21, crc, fields[0], fields[1],
                               len(name), len(central_extra), 0, 0, 0, 0, fields[2])
        central += name + central_extra
    directory_offset = len(out)
    out += central
    if zip64_end:
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries),
                           len(entries), len(central), directory_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                           0xFFFFFFFF, len(comment))
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                           len(central), directory_offset, len(comment))
    out += comment
    return bytes(out)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(sheets, shared=None, styles=None, workbook_pr="", prefix=""):
    """The entries of a minimal workbook: sheets is a list of (name, worksheet XML)."""
    p = prefix + ":" if prefix else ""
    xmlns = ('xmlns:%s="%s"' % (prefix, MAIN)) if prefix else 'xmlns="%s"' % MAIN
    sheet_elements = "".join(
        '<%ssheet name="%s" sheetId="%d" r:id="rId%d"/>' % (p, name, i + 1, i + 1)
        for i, (name, _) in enumerate(sheets))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<%sworkbook %s xmlns:r="%s">%s<%ssheets>%s</%ssheets></%sworkbook>'
                % (p, xmlns, RELS, workbook_pr, p, sheet_elements, p, p))
    relationships = "".join(
        '<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
        % (i + 1, RELS, i + 1) for i in range(len(sheets)))
    if shared is not None:
        relationships += ('<Relationship Id="rIdS" Type="%s/sharedStrings" '
                          'Target="sharedStrings.xml"/>' % RELS)
    if styles is not None:
        relationships += '<Relationship Id="rIdT" Type="%s/styles" Target="styles.xml"/>' % RELS
    entries = [
        Entry("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        Entry("_rels/.rels", ('<?xml version="1.0"?><Relationships xmlns="%s"><Relationship '
                              'Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                              '</Relationships>' % (PKG, RELS)).encode()),
        Entry("xl/workbook.xml", workbook.encode()),
        Entry("xl/_rels/workbook.xml.rels",
              ('<?xml version="1.0"?><Relationships xmlns="%s">%s</Relationships>'
               % (PKG, relationships)).encode()),
    ]
    for i, (_, xml) in enumerate(sheets):
        entries.append(Entry("xl/worksheets/sheet%d.xml" % (i + 1), xml.encode()))
    if shared is not None:
        entries.append(Entry("xl/sharedStrings.xml", shared.encode()))
    if styles is not None:
        entries.append(Entry("xl/styles.xml", styles.encode()))
    return entries


def worksheet(rows_xml, prefix=""):
    p = prefix + ":" if prefix else ""
    xmlns = ('xmlns:%s="%s"' % (prefix, MAIN)) if prefix else 'xmlns="%s"' % MAIN
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<%sworksheet %s xmlns:r="%s"><%sdimension ref="A1"/><%ssheetData>%s</%ssheetData>'
            '</%sworksheet>' % (p, xmlns, RELS, p, p, rows_xml, p, p))


SIMPLE_ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
               '<c r="B1" t="inlineStr"><is><t>answer</t></is></c></row>'
               '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Often</t></is></c></row>')
SIMPLE_EXPECTED = [[1, ["id", "answer"]], [2, ["1", "Often"]]]


def handmade():
    """(name, archive bytes, expected) for archives and markup the writers do not produce."""
    cases = []
    shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="6" uniqueCount="6">'
              '<si><t>plain</t></si>'
              '<si><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r></si>'
              '<si><t>&#x41;&#66;&amp;&lt;&gt;&quot;&apos; &#x1F600;</t></si>'
              '<si><t>\u6f22\u5b57</t><rPh sb="0" eb="2"><t>\u304b\u3093\u3058</t></rPh><phoneticPr fontId="1"/></si>'
              '<si><t>  trimmed without preserve  </t></si>'
              '<si><t><![CDATA[<cdata> & more]]></t></si>'
              '</sst>' % MAIN)
    styles = ('<?xml version="1.0"?><styleSheet xmlns="%s"><numFmts count="1">'
              '<numFmt numFmtId="164" formatCode="&quot;Week of &quot;d mmm yyyy"/></numFmts>'
              '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
              '<xf numFmtId="22"/></cellXfs></styleSheet>' % MAIN)
    rows = (
        # Cells and rows without references follow the ones before them.
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>'
        '<row><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>5</v></c></row>'
        # Formulas with cached results, a string result, an ISO date cell, a comment.
        '<row r="4"><c r="A4"><f>1+2</f><v>3</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        '<!-- a comment --><c r="C4" t="d"><v>2024-03-05T10:00:00</v></c>'
        '<c r="D4"><f>NOW()</f></c></row>'
        # Styles: a built-in date, a custom date format with quoted text, a date and time.
        '<row r="5"><c r="A5" s="1"><v>45356</v></c><c r="B5" s="2"><v>45356.75</v></c>'
        '<c r="C5" s="3"><v>45356.5</v></c><c r="D5" s="0"><v>45356</v></c></row>'
        # Inline strings: rich runs and a phonetic run.
        '<row r="6"><c r="A6" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c>'
        '<c r="B6" t="inlineStr"><is><t>\u6f22</t><rPh sb="0" eb="1"><t>\u304b\u3093</t></rPh></is></c>'
        '<c r="C6" t="b"><v>1</v></c><c r="D6" t="e"><v>#REF!</v></c></row>'
        # An empty row element and a row with only empty cells are skipped.
        '<row r="7"/><row r="8"><c r="A8" s="1"/><c r="B8"><v></v></c></row>'
        # Carriage returns and escapes.
        '<row r="9"><c r="A9" t="inlineStr"><is><t>one\r\ntwo_x000D_</t></is></c>'
        '<c r="B9"><v> 12.50 </v></c><c r="C9"><v>1E3</v></c><c r="D9"><v>-0.0</v></c></row>'
    )
    expected = [
        [1, ["plain", "rich text", "AB&<>\"' \U0001F600"]],
        [2, ["\u6f22\u5b57", "trimmed without preserve", "<cdata> & more"]],
        [4, ["3", "ab", "2024-03-05T10:00:00"]],
        [5, ["2024-03-05", "2024-03-05", "2024-03-05T12:00:00", "45356"]],
        [6, ["inline", "\u6f22", "TRUE", "#REF!"]],
        [9, ["one\ntwo\r", "12.5", "1000", "0"]],
    ]
    cases.append(("cells", zip_bytes(package([("Data", worksheet(rows))], shared, styles)),
                  {"sheets": [["Data", "worksheet", False]], "rows": {"Data": expected},
                   "date1904": False}))
    # Element names with a namespace prefix.
    prefixed = SIMPLE_ROWS.replace("<row", "<x:row").replace("</row", "</x:row").replace(
        "<c ", "<x:c ").replace("</c>", "</x:c>").replace("<v>", "<x:v>").replace(
        "</v>", "</x:v>").replace("<is>", "<x:is>").replace("</is>", "</x:is>").replace(
        "<t>", "<x:t>").replace("</t>", "</x:t>")
    cases.append(("prefixed", zip_bytes(package([("Data", worksheet(prefixed, "x"))], prefix="x")),
                  {"sheets": [["Data", "worksheet", False]], "rows": {"Data": SIMPLE_EXPECTED},
                   "date1904": False}))
    # The 1904 date system, declared with "true".
    rows1904 = '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>45356</v></c></row>'
    cases.append(("date1904", zip_bytes(package(
        [("Data", worksheet(rows1904))], styles=styles,
        workbook_pr='<workbookPr date1904="true"/>')),
        {"sheets": [["Data", "worksheet", False]],
         "rows": {"Data": [[1, ["1904-01-01", "2028-03-06"]]]}, "date1904": True}))
    simple = {"sheets": [["Data", "worksheet", False]], "rows": {"Data": SIMPLE_EXPECTED},
              "date1904": False}
    # Data descriptors (as streaming writers do), stored entries, ZIP64 sizes and end record,
    # and an archive comment.
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    for entry in entries:
        entry.descriptor = True
    cases.append(("data-descriptors", zip_bytes(entries), simple))
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    for entry in entries:
        entry.method = 0
    cases.append(("stored", zip_bytes(entries), simple))
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    for entry in entries:
        entry.zip64 = True
    entries[-1].descriptor = True
    cases.append(("zip64", zip_bytes(entries, zip64_end=True), simple))
    # Problems the importer lists by sheet row: a repeated id, an unrecognised answer, and a
    # value in a column without a header.
    problem_rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>How often do you feel lonely?</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Often/always</t></is></c></row>'
        '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>Never</t></is></c></row>'
        '<row r="5"><c r="A5"><v>3</v></c><c r="B5" t="inlineStr"><is><t>Sometimes</t></is></c></row>'
        '<row r="6"><c r="A6"><v>4</v></c><c r="B6" t="inlineStr"><is><t>Never</t></is></c>'
        '<c r="D6" t="inlineStr"><is><t>stray</t></is></c></row>'
    )
    cases.append(("problems", zip_bytes(package([("Answers", worksheet(problem_rows))])),
                  {"sheets": [["Answers", "worksheet", False]],
                   "rows": {"Answers": [[1, ["id", "How often do you feel lonely?"]],
                                        [2, ["1", "Often/always"]], [3, ["1", "Never"]],
                                        [5, ["3", "Sometimes"]], [6, ["4", "Never", "", "stray"]]]},
                   "date1904": False}))
    cases.append(("comment", zip_bytes(package([("Data", worksheet(SIMPLE_ROWS))]),
                                       comment=b"PK\x05\x06 looks like an end record" * 20),
                  simple))
    return cases


# ---------------------------------------------------------------------------------------------
# Hostile and foreign files
# ---------------------------------------------------------------------------------------------


def ole_file(stream_names):
    """A compound document whose first directory sector names `stream_names`."""
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<I", header, 48, 0)  # first directory sector
    directory = bytearray(512)
    for index, name in enumerate(["Root Entry"] + stream_names):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        struct.pack_into("<64sHB", directory, index * 128, encoded, len(encoded), 5 if index == 0 else 2)
    return bytes(header + directory + bytes(1024))


def hostile(valid_workbook):
    """(name, bytes, description) of files every command must refuse."""
    cases = []
    cases.append(("truncated.xlsx", valid_workbook[: len(valid_workbook) // 2],
                  "a workbook cut in half"))
    # The sheet's CRC-32 changed in both headers.
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    entries[4].crc = zlib.crc32(entries[4].data) ^ 0x5A5A5A5A
    cases.append(("bad-crc.xlsx", zip_bytes(entries), "the sheet's CRC-32 is wrong"))
    # The local header and the central directory disagree on the sheet's size.
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    entries[4].local_size = len(entries[4].data) + 100
    cases.append(("size-mismatch.xlsx", zip_bytes(entries), "local header and directory disagree"))
    # The sheet inflates to more than the size both headers record.
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    entries[4].central_size = entries[4].local_size = len(entries[4].data) - 40
    cases.append(("expands-past-size.xlsx", zip_bytes(entries), "the data is longer than recorded"))
    # A "ZIP bomb": the directory records a 5 GB sheet from 1,000 compressed bytes.
    entries = package([("Data", worksheet(SIMPLE_ROWS))])
    entries[4].zip64 = True
    entries[4].central_size = entries[4].local_size = 5_000_000_000
    entries[4].compressed = raw_deflate(b" " * 200_000)[:1000]
    cases.append(("zip-bomb.xlsx", zip_bytes(entries, zip64_end=True), "5 GB from 1 KB"))
    # Too many entries in the directory.
    cases.append(("no-workbook.zip", zip_bytes([Entry("readme.txt", b"survey responses")]),
                  "a ZIP archive without a workbook"))
    cases.append(("spreadsheet.ods", zip_bytes([
        Entry("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", method=0),
        Entry("content.xml", b"<office:document-content/>")]), "an OpenDocument spreadsheet"))
    cases.append(("spreadsheet.numbers", zip_bytes([
        Entry("Index/Document.iwa", bytes(64)), Entry("Metadata/Properties.plist", b"<plist/>")]),
        "an Apple Numbers spreadsheet"))
    cases.append(("binary-workbook.xlsb", zip_bytes([
        Entry("_rels/.rels", ('<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
                              'Target="xl/workbook.bin"/></Relationships>' % (PKG, RELS)).encode()),
        Entry("xl/workbook.bin", bytes(64))]), "an Excel binary workbook"))
    cases.append(("old-excel.xls", ole_file(["Workbook", "\u0005SummaryInformation"]),
                  "an Excel 97-2003 workbook"))
    cases.append(("encrypted.xlsx", ole_file(["EncryptionInfo", "EncryptedPackage"]),
                  "a password-protected workbook"))
    cases.append(("summary.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                  "a PDF"))
    rng = random.Random(20260402)
    cases.append(("noise.csv", rng.randbytes(4096), "random bytes named .csv"))
    # A reference beyond the grid, and a row number beyond Excel's last row.
    cases.append(("column-beyond-xfd.xlsx", zip_bytes(package([("Data", worksheet(
        '<row r="1"><c r="XFE1"><v>1</v></c></row>'))])), "a cell in column XFE"))
    cases.append(("row-beyond-grid.xlsx", zip_bytes(package([("Data", worksheet(
        '<row r="1"><c r="A99999999999"><v>1</v></c></row>'))])), "a cell in row 99999999999"))
    cases.append(("rows-out-of-order.xlsx", zip_bytes(package([("Data", worksheet(
        '<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>'))])),
        "row 3 after row 5"))
    cases.append(("unknown-shared-string.xlsx", zip_bytes(package([("Data", worksheet(
        '<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))], shared='<sst xmlns="%s"><si><t>x</t></si></sst>' % MAIN)),
        "shared string 7 of 1"))
    cases.append(("malformed-xml.xlsx", zip_bytes(package([("Data", worksheet(
        '<row r="1"><c r="A1"><v>1</v></c></row>').replace("</sheetData>", ""))])),
        "a worksheet that ends inside its data"))
    return cases


def main():
    folder = os.path.abspath(sys.argv[1])
    for writer in ["openpyxl", "xlsxwriter"]:
        os.makedirs(os.path.join(folder, "workbooks", writer), exist_ok=True)
    for layout, path in LAYOUTS.items():
        rows = read_csv(path)
        write_twin_openpyxl(os.path.join(folder, "workbooks", "openpyxl", layout + ".xlsx"), layout, rows)
        write_twin_xlsxwriter(os.path.join(folder, "workbooks", "xlsxwriter", layout + ".xlsx"), layout, rows)
    expectations = {
        ("openpyxl", "features"): lambda p: write_features_openpyxl(p, False),
        ("openpyxl", "features-1904"): lambda p: write_features_openpyxl(p, True),
        ("xlsxwriter", "features"): lambda p: write_features_xlsxwriter(p, False),
        ("xlsxwriter", "features-1904"): lambda p: write_features_xlsxwriter(p, True),
        ("xlsxwriter", "features-inline"): lambda p: write_features_xlsxwriter(p, False, True),
    }
    for (writer, name), write in expectations.items():
        expected = write(os.path.join(folder, "workbooks", writer, name + ".xlsx"))
        with open(os.path.join(folder, "workbooks", writer, name + ".expected.json"), "w") as out:
            json.dump(expected, out, ensure_ascii=False, indent=1)
            out.write("\n")
    os.makedirs(os.path.join(folder, "workbooks", "handmade"), exist_ok=True)
    for name, data, expected in handmade():
        with open(os.path.join(folder, "workbooks", "handmade", name + ".xlsx"), "wb") as out:
            out.write(data)
        with open(os.path.join(folder, "workbooks", "handmade", name + ".expected.json"), "w") as out:
            json.dump(expected, out, ensure_ascii=False, indent=1)
            out.write("\n")
    os.makedirs(os.path.join(folder, "hostile"), exist_ok=True)
    valid = open(os.path.join(folder, "workbooks", "xlsxwriter", "kent-esurvey.xlsx"), "rb").read()
    lines = ["# file\twhat it is"]
    for name, data, description in hostile(valid):
        with open(os.path.join(folder, "hostile", name), "wb") as out:
            out.write(data)
        lines.append("%s\t%s" % (name, description))
    with open(os.path.join(folder, "hostile", "manifest.tsv"), "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
