#!/usr/bin/env python3
"""Writes the seed files of the fuzz corpora (Tests/SurveyFuzzingTests/Corpus/TARGET/seed-*).

Seeds are small on purpose (libFuzzer runs faster on small inputs and grows them itself): the
first lines of the examples, the built-in instrument files, the CSV spectrum fixtures, and
hand-made edge cases. The script only writes files named seed-*; other files in the corpus
folders (reproducers of findings, named after what they found) are left alone.

Usage: python3 Scripts/fuzz/make-seeds.py   (from anywhere; standard library only)
"""
import codecs
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests" / "SurveyFuzzingTests" / "Corpus"


def head(path, lines):
    """The first `lines` lines of a file, as bytes."""
    data = (ROOT / path).read_bytes()
    return b"".join(data.splitlines(keepends=True)[:lines])


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{name}").write_bytes(data)


EXAMPLES = [
    "kent-esurvey/export.csv",
    "platform-exports/google-forms.csv",
    "platform-exports/microsoft-forms.csv",
    "platform-exports/qualtrics.csv",
    "platform-exports/smartsurvey.csv",
    "platform-exports/surveymonkey.csv",
    "provider-outcomes/baseline.csv",
    "provider-outcomes/followup.csv",
    "provider-outcomes/outcomes-long.csv",
    "residents-survey/survey.csv",
    "cohort-comparison/combined.csv",
]

CAPTURED = (
    b"respondent_id,captured_at,worker,ons-loneliness.companionship,ons-loneliness.left-out,"
    b"ons-loneliness.isolated,ons-loneliness.lonely,status\n"
    b"LW-0142,2026-03-02T10:00:00Z,AB,1,2,3,4,complete\n"
    b"LW-0143,2026-03-02T10:20:00Z,AB,3,,p,2,partial\n"
)

# Hand-made CSV edge cases: line endings, quotes, encodings, delimiters, NUL bytes.
CSV_EDGES = {
    "empty": b"",
    "bom-only": codecs.BOM_UTF8,
    "blank-lines": b"\n\r\n\r\n",
    "cr-only": b"a,b\rc,d\r",
    "crlf-no-final-break": b"a,b\r\nc,d",
    "unclosed-quote": b'a,b\n"never closed,x\n',
    "quote-after-text": b'a,b\n5" tall,"ab"c\n',
    "doubled-quotes": b'"say ""hi""","a\r\nb",""\n',
    "quoted-line-breaks": b'"one\ntwo","three\rfour"\r\n',
    "semicolon-decimal-comma": b"id;score;weight\n1;2,5;0,75\n2;3,0;1,25\n",
    "tab-separated": b"id\tanswer\n1\tOften\n2\tNever\n",
    "pipe": b"a|b|c\n1|2|3\n",
    "nul-bytes": b"a,b\x00c\n\x00,\x00\n",
    "windows-1252": b"name,answer\nZo\xeb,Don\x92t know\n",
    "invalid-utf8-late": b"a,b\n" + b"x,y\n" * 40 + b"\xff,\xfe\n",
    "utf16le-bom": codecs.BOM_UTF16_LE + "id,answer\n1,Often\n".encode("utf-16-le"),
    "utf16be-no-bom": "id,answer\n1,Often\n".encode("utf-16-be"),
    "utf16-odd-length": codecs.BOM_UTF16_LE + b"a\x00,\x00b",
    "ragged": b"a,b,c\n1\n1,2,3,4,5\n,,\n",
    "only-delimiters": b",,,\n;;;\n\t\t\n",
    "long-field": b"a,b\n" + b"x" * 3000 + b",y\n",
}

JSON_EDGES = {
    "empty": b"",
    "scalars": b'[null, true, false, 0, -0, 1.5, -2e-3, 1E+2, "text"]',
    "escapes": b'{"a": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"}',
    "lone-surrogate": b'"\\ud800"',
    "bad-low-surrogate": b'"\\ud800\\u0041"',
    "deep": b"[" * 300 + b"]" * 300,
    "nested-object": b'{"a": {"b": {"c": [1, {"d": []}]}}}',
    "big-numbers": b"[1e308, 1e309, -1e309, 4.9e-324, 2e-400, 123456789012345678901234567890]",
    "leading-zero": b"[01]",
    "trailing-comma": b'{"a": 1,}',
    "comment": b'// note\n{"a": 1}',
    "single-quotes": b"{'a': 1}",
    "unclosed-string": b'{"a": "never closed\n}',
    "control-in-string": b'"tab\there"',
    "invalid-utf8": b'"\xc3\x28"',
    "bom": codecs.BOM_UTF8 + b'{"a": []}',
    "duplicate-keys": b'{"a": 1, "a": 2}',
    "crlf": b'{\r\n  "a": 1\r\n}\r\n',
    "text-after-value": b'{"a": 1} x',
    "unicode": '{"é": "日本語", "emoji": "😀"}'.encode(),
}

MINIMAL_INSTRUMENT = {
    "format": 1,
    "id": "council-loneliness",
    "version": "2026.1",
    "title": "Council loneliness question",
    "scales": [
        {
            "id": "six-point",
            "options": [
                {"code": code, "label": label}
                for code, label in enumerate(
                    ["All of the time", "Often", "Some of the time", "Occasionally", "Hardly ever", "Never"],
                    start=1,
                )
            ],
            "missingAnswers": [{"label": "Prefer not to say"}],
        }
    ],
    "items": [
        {
            "id": "lonely",
            "wording": "How often have you felt lonely in the last six weeks?",
            "scale": "six-point",
        }
    ],
    "indicators": [
        {"id": "often-or-more", "title": "Lonely all of the time or often", "item": "lonely", "codes": [1, 2]}
    ],
}

RANGE_INSTRUMENT = {
    "format": 1,
    "id": "ladder",
    "version": "1",
    "title": "A ladder",
    "scales": [{"id": "zero-to-ten", "range": {"min": 0, "max": 10},
                "missingAnswers": [{"label": "Don't know", "code": -9}]}],
    "items": [
        {"id": "satisfied", "wording": "How satisfied are you?", "scale": "zero-to-ten"},
        {"id": "worthwhile", "wording": "How worthwhile?", "scale": "zero-to-ten"},
    ],
    "scores": [
        {"id": "total", "title": "Total", "method": "sum", "items": ["satisfied", "worthwhile"],
         "range": {"min": 0, "max": 20}, "decimals": 0,
         "bands": [{"id": "low", "label": "Low", "min": 0, "max": 9},
                   {"id": "high", "label": "High", "min": 10, "max": 20}]}
    ],
}


def main():
    # csv-reader: the first byte chooses the options (see CSVReaderTarget.swift).
    for index, path in enumerate(EXAMPLES):
        option = bytes([index * 37 % 64])  # detected delimiter, various chunk sizes
        write("csv-reader", pathlib.Path(path).stem, option + head("Examples/" + path, 6))
    spectrum = ROOT / "Tests/SurveyCSVTests/Fixtures/csv-spectrum/csvs"
    for index, path in enumerate(sorted(spectrum.glob("*.csv"))):
        write("csv-reader", "spectrum-" + path.stem, bytes([index % 8]) + path.read_bytes())
    for index, (name, data) in enumerate(CSV_EDGES.items()):
        write("csv-reader", name, bytes([index % 8]) + data)
    write("csv-reader", "given-delimiter-pipe", bytes([4 << 3]) + b"|" + CSV_EDGES["pipe"])
    write("csv-reader", "given-encoding-1252", bytes([1 << 6, 3]) + CSV_EDGES["windows-1252"])
    write("csv-reader", "given-encoding-utf16be", bytes([1 << 6, 2]) + CSV_EDGES["utf16be-no-bom"])

    # json-reader and instrument-decoder: the files as they are.
    for path in sorted((ROOT / "Instruments").glob("*.json")):
        write("json-reader", path.stem + ".json", path.read_bytes())
        write("instrument-decoder", path.stem + ".json", path.read_bytes())
    kent = (ROOT / "Examples/kent-esurvey/kent-loneliness.json").read_bytes()
    write("json-reader", "kent-loneliness.json", kent)
    write("instrument-decoder", "kent-loneliness.json", kent)
    for path in sorted((ROOT / "Tests/SurveyCSVTests/Fixtures/csv-spectrum/json").glob("*.json")):
        write("json-reader", "spectrum-" + path.name, path.read_bytes())
    for name, data in JSON_EDGES.items():
        write("json-reader", name + ".json", data)

    decoder = {
        "minimal": MINIMAL_INSTRUMENT,
        "range-scale-and-score": RANGE_INSTRUMENT,
        "extension": {"format": 1, "extends": "swemwbs",
                      "items": [{"id": "useful", "wording": "Licensed wording", "aliases": ["Q7"]}]},
        "newer-format": dict(MINIMAL_INSTRUMENT, format=2),
        "no-format": {key: value for key, value in MINIMAL_INSTRUMENT.items() if key != "format"},
        "bad-id": dict(MINIMAL_INSTRUMENT, id="Council Loneliness"),
        "unknown-scale": dict(MINIMAL_INSTRUMENT, items=[{"id": "lonely", "scale": "five-point"}]),
        "indicator-unknown-code": dict(
            MINIMAL_INSTRUMENT,
            indicators=[{"id": "x", "title": "X", "item": "lonely", "codes": [9]}]),
        "overlapping-bands": dict(RANGE_INSTRUMENT, scores=[dict(
            RANGE_INSTRUMENT["scores"][0],
            bands=[{"id": "low", "label": "Low", "min": 0, "max": 12},
                   {"id": "high", "label": "High", "min": 10, "max": 20}])]),
        "wrong-types": {"format": "1", "id": 5, "items": {}, "scales": "none"},
        "format-zero": dict(MINIMAL_INSTRUMENT, format=0),
        "duplicate-codes": dict(MINIMAL_INSTRUMENT, scales=[dict(
            MINIMAL_INSTRUMENT["scales"][0],
            options=[{"code": 1, "label": "Yes"}, {"code": 1, "label": "No"}])]),
        "large-code": dict(MINIMAL_INSTRUMENT, scales=[dict(
            MINIMAL_INSTRUMENT["scales"][0],
            options=[{"code": 123456789, "label": "Yes"}, {"code": -5, "label": "No"}])],
            indicators=[]),
        "fractional-code": dict(MINIMAL_INSTRUMENT, scales=[dict(
            MINIMAL_INSTRUMENT["scales"][0], options=[{"code": 1.5, "label": "Yes"}])]),
        "range-scale-too-wide": dict(RANGE_INSTRUMENT, scales=[dict(
            RANGE_INSTRUMENT["scales"][0], range={"min": 0, "max": 5000})]),
        "band-outside-range": dict(RANGE_INSTRUMENT, scores=[dict(
            RANGE_INSTRUMENT["scores"][0],
            bands=[{"id": "low", "label": "Low", "min": -5, "max": 9}])]),
        "max-missing-too-high": dict(RANGE_INSTRUMENT, scores=[dict(
            RANGE_INSTRUMENT["scores"][0], missing={"maxMissing": 5, "prorate": True})]),
        "mean-score": dict(RANGE_INSTRUMENT, scores=[dict(
            RANGE_INSTRUMENT["scores"][0], method="mean", range={"min": 0, "max": 10}, decimals=2,
            bands=[])]),
        "unknown-keys": dict(MINIMAL_INSTRUMENT, colour="blue", items=[dict(
            MINIMAL_INSTRUMENT["items"][0], wordng="typo")]),
    }
    for name, value in decoder.items():
        write("instrument-decoder", name + ".json", json.dumps(value, indent=2).encode())
    write("instrument-decoder", "not-json.json", b"{\n  \"format\": 1,\n  \"items\": [1, 2,],\n}\n")

    # answer-matching: byte 1 chooses a built-in scale (0-5) or a scale made from the lines.
    cells = {
        0: ["Hardly ever or never", "some of the time", "OFTEN", "1", "3", "4", "2.0", "Not sure", "", "  "],
        1: ["Often/always", "often or always", "hardly ever\u00a0", "5", "5.0", "4 - Hardly ever",
            "4 - Never", "6", "-1", "Don\u2019t know", "Refused"],
        2: ["None of the time", "Rarely", "All of the time", "5", "0", "Prefer not to answer"],
        3: ["Some of the time", "Often", "3", "Rather not say"],
        4: ["10 - Completely", "0 = not at all", "7", "11", "Prefer not to say", "+3", "-0", "05"],
        5: ["Yes", "No", "More or less", "more-or-less", "Do not know", "2 - More or less"],
    }
    for scale, texts in cells.items():
        write("answer-matching", f"built-in-scale-{scale}", bytes([scale]) + "\n".join(texts).encode())
    made = {
        "labelled": "#1:Often|often or always\n#2:Some of the time\n#3:Never\n?Prefer not to say|Refused\n"
                    "Often\n2\n3 - Never\nrefused\n\n",
        "numeric": "#0:0\n#1:1\n#2:2\n#3:3\n?-9:Don't know\n0\n3 = a lot\n-9\n3.00\n",
        "negative-codes": "#-2:Strongly disagree\n#-1:Disagree\n#0:Neither\n#1:Agree\n-2\n+1\nneither\n",
        "duplicate-labels": "#1:Yes\n#2:yes\n?YES\nYes\n1\n2\n",
        "big-codes": "#999999999:Top\n#-999999999:Bottom\n999999999\n1000000000\n",
        "unicode": "#1:Ça va|Ça va bien\n#2:日本\nça va\n日本\n",
        "empty-labels": "#1:\n#2:|\n?\n\n \n",
        "same-code-twice": "#1:Yes\n#1:Also yes\n1\nalso yes\n",
        "missing-code-equals-option": "#1:Yes\n?1:Refused\n1\nrefused\n",
        "label-is-number": "#1:2\n#2:1\n1\n2\n2 - 1\n",
        "separators": "#4:Hardly ever\n4 - Hardly ever\n4) hardly ever\n4: Hardly ever\n4.hardly ever\n4 \u2013 hardly ever\n4x\n",
        "signs-and-decimals": "#-1:Less\n#1:More\n-1\n+1\n-1.0\n1.00\n1.\n--1\n+-1\n",
        "many-missing": "#1:Yes\n" + "".join(f"?Reason {i}\n" for i in range(40)) + "reason 39\n",
        "no-options": "?Prefer not to say\nprefer not to say\n0\n",
        "control-characters": "#1:Yes\u0000\n#2:\u001b[31mNo\nyes\n\u001b[31mno\n",
    }
    for name, text in made.items():
        write("answer-matching", name, bytes([200]) + text.encode())

    # export-importer: the first lines of each example, a capture file, and edge cases.
    for path in EXAMPLES:
        write("export-importer", pathlib.Path(path).stem + ".csv", head("Examples/" + path, 8))
    write("export-importer", "captured.csv", CAPTURED)
    write("export-importer", "captured-utf16le.csv",
          codecs.BOM_UTF16_LE + CAPTURED.decode().encode("utf-16-le"))
    write("export-importer", "surveymonkey-semicolon.csv",
          head("Examples/platform-exports/surveymonkey.csv", 5).replace(b",", b";"))
    for name in ["empty", "bom-only", "blank-lines", "unclosed-quote", "nul-bytes", "windows-1252",
                 "ragged", "only-delimiters", "cr-only"]:
        write("export-importer", name + ".csv", CSV_EDGES[name])

    # margins-reader: the example's margins file and hand-made bad ones.
    margins = (ROOT / "Examples/residents-survey/margins.csv").read_bytes()
    write("margins-reader", "residents.csv", margins)
    write("margins-reader", "residents-crlf-bom.csv", codecs.BOM_UTF8 + margins.replace(b"\n", b"\r\n"))
    write("margins-reader", "residents-semicolon.csv", margins.replace(b",", b";"))
    for name, data in MARGINS_EDGES.items():
        write("margins-reader", name + ".csv", data)
    for name in ["empty", "bom-only", "blank-lines", "unclosed-quote", "nul-bytes", "windows-1252",
                 "ragged", "utf16le-bom"]:
        write("margins-reader", name + ".csv", CSV_EDGES[name])


MARGINS_EDGES = {
    "shares": b"margin,category,population\nsex,Female,0.52\nsex,Male,0.48\narea,A,0.3\narea,B,0.7\n",
    "columns-reordered": b"population,note,category,margin\n10,x,A,area\n5,,Female,sex\n5,y,Male,sex\n",
    "three-way": b"margin,category,population\nage|sex|area,16-34|F|A,3\nage|sex|area,16-34|M|A,4\n",
    "missing-column": b"margin,category,populaton\nsex,Female,5\n",
    "negative": b"margin,category,population\nsex,Female,-5\nsex,Male,5\n",
    "not-a-number": b"margin,category,population\nsex,Female,five\n",
    "thousands": b'margin,category,population\nsex,Female,"9,800"\nsex,Male,1e3\n',
    "percent": b"margin,category,population\nsex,Female,52%\n",
    "disagree": b"margin,category,population\nsex,Female,5\nsex,Male,5\narea,A,11\n",
    "duplicate-category": b"margin,category,population\nsex,Female,5\nsex, Female ,5\n",
    "wrong-parts": b"margin,category,population\nage|sex,16-24,5\n",
    "empty-part": b"margin,category,population\nage||sex,a|b|c,5\n",
    "repeated-column": b"margin,category,population\nsex|sex,F|F,5\n",
    "blank-fields": b"margin,category,population\n,Female,5\nsex,,5\nsex,Male,\n",
    "unquoted-comma": b"margin,category,population\nsex,Female, 16-24,5\n",
    "zero-total": b"margin,category,population\nsex,Female,0\nsex,Male,0\n",
    "header-only": b"margin,category,population\n",
    "huge-number": b"margin,category,population\nsex,Female,1" + b"0" * 400 + b"\n",
    "nan-and-inf": b"margin,category,population\nsex,Female,nan\nsex,Male,inf\n",
    "hex-float": b"margin,category,population\nsex,Female,0x1p3\n",
}

if __name__ == "__main__":
    main()
