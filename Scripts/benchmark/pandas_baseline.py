#!/usr/bin/env python3
"""The comparison for the import benchmark: pandas reads the export and maps every item's
labels to codes with one dictionary per column.

    python3 Scripts/benchmark/pandas_baseline.py EXPORT.csv
"""
import sys

import pandas as pd

UCLA = {"Hardly ever or never": 1, "Some of the time": 2, "Often": 3}
DIRECT = {"Often/always": 1, "Some of the time": 2, "Occasionally": 3, "Hardly ever": 4, "Never": 5}
WEMWBS = {"None of the time": 1, "Rarely": 2, "Some of the time": 3, "Often": 4, "All of the time": 5}


def main() -> None:
    frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    codes = {}
    for column in frame.columns:
        if column == "How often do you feel lonely?":
            mapping = DIRECT
        elif column.startswith("How often"):
            mapping = UCLA
        elif column.startswith("WEMWBS - "):
            mapping = WEMWBS
        else:
            continue
        codes[column] = frame[column].map(mapping)
    coded = pd.DataFrame(codes)
    print(len(frame), int(coded.notna().sum().sum()))


if __name__ == "__main__":
    main()
